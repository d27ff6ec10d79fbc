package dev.analyzer.ai.review;

import static dev.analyzer.ai.testing.FakeModelServer.answer;
import static dev.analyzer.ai.testing.FakeModelServer.sse;
import static dev.analyzer.ai.testing.FakeModelServer.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.backend.HttpBackendConfig;
import dev.analyzer.ai.backend.OpenAiCompatibleBackend;
import dev.analyzer.ai.backend.Preset;
import dev.analyzer.ai.backend.ResponseCache;
import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.requirements.Requirement;
import dev.analyzer.ai.retrieval.IndexedApp;
import dev.analyzer.ai.retrieval.MiniLmEmbedder;
import dev.analyzer.ai.testing.FakeModelServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model reviewer against a loopback OpenAI-compatible server and the fixture app. */
class LlmReviewerTest {

  static IndexedApp app;
  static final Requirement LIST = new Requirement("b2", "GET /api/todos - list todos", "backend");
  static final Requirement DELETE = new Requirement("b5", "DELETE /api/todos/:id - delete todo", "backend");
  static final String GOOD = "{\"verdict\":\"met\",\"confidence\":\"HIGH\",\"explanation\":\"list route\","
      + "\"evidence\":[{\"file\":\"backend/app.py\",\"line\":69,\"quote\":\"@app.route(\\\"/api/todos\\\", methods=[\\\"GET\\\"])\"}]}";

  FakeModelServer server;

  @BeforeAll
  static void index() throws Exception {
    app = IndexedApp.build(AppSource.read(Fixtures.todoApp(), 100, 1 << 20), MiniLmEmbedder.shared());
  }

  @BeforeEach
  void start() throws Exception {
    server = new FakeModelServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  LlmReviewer reviewer(ResponseCache cache, long budget) {
    return new LlmReviewer(new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENAI, server.v1(), "test/model")),
        cache, 500, 2000, budget);
  }

  static ReviewControl control() {
    return ReviewControl.unbounded(Clock.systemUTC());
  }

  @Test
  void aCitedAndTrueAnswerIsConfirmedWithTokensAndCost() throws Exception {
    server.then(answer(GOOD));

    RequirementReviewer.Review r = reviewer(null, 100_000).review(List.of(LIST), app, control());

    RequirementVerdict v = r.verdicts().get(0);
    assertThat(v.verdict()).isEqualTo(Verdict.MET);
    assertThat(v.met()).isTrue();
    assertThat(v.verificationPass()).isEqualTo("confirmed");
    assertThat(v.method()).isEqualTo("llm");
    assertThat(v.routeCheck().get("found")).isEqualTo(true);
    assertThat(r.info().llmUsed()).isTrue();
    assertThat(r.info().tokensIn()).isEqualTo(120);
    assertThat(r.info().tokensOut()).isEqualTo(30);
    assertThat(r.info().costUsd()).isEqualTo(0.00042);
    String prompt = server.requests().get(0).body().at("/messages/1/content").asText();
    assertThat(prompt).contains("=== backend/app.py lines ").contains("69: @app.route(\"/api/todos\", methods=[\"GET\"])");
  }

  @Test
  void aFalseCitationDowngradesAndMarksTheClaim() throws Exception {
    server.then(answer(GOOD.replace("\"line\":69", "\"line\":20")));

    RequirementVerdict v = reviewer(null, 100_000).review(List.of(LIST), app, control()).verdicts().get(0);

    assertThat(v.verdict()).isEqualTo(Verdict.PARTIAL);
    assertThat(v.confidence()).isEqualTo("LOW");
    assertThat(v.verificationPass()).isEqualTo("failed");
    assertThat(v.explanation()).startsWith("[EVIDENCE NOT FOUND] backend/app.py:20");
    assertThat(v.evidence().get(0).verified()).isFalse();
  }

  @Test
  void metForARouteTheCodeLacksIsDowngraded() throws Exception {
    server.then(answer(GOOD.replace("list route", "delete exists")));

    RequirementVerdict v = reviewer(null, 100_000).review(List.of(DELETE), app, control()).verdicts().get(0);

    assertThat(v.verdict()).isEqualTo(Verdict.PARTIAL);
    assertThat(v.explanation()).contains("[ROUTE NOT FOUND] DELETE /api/todos/:id");
  }

  @Test
  void invalidJsonGetsOneRepairTurnThenTheReviewFails() {
    server.then(answer("this is not json"), answer("{\"verdict\": \"maybe\""));

    assertThatThrownBy(() -> reviewer(null, 100_000).review(List.of(LIST), app, control()))
        .isInstanceOf(ReviewException.class).hasMessageContaining("after one repair");
    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests().get(1).body().at("/messages/2/content").asText()).isEqualTo("this is not json");
    assertThat(server.requests().get(1).body().at("/messages/3/content").asText()).contains("not valid JSON");
  }

  @Test
  void aRepairedAnswerIsUsed() throws Exception {
    server.then(answer("```json\n{\"verdict\": 1}\n```"), answer(GOOD));

    RequirementVerdict v = reviewer(null, 100_000).review(List.of(LIST), app, control()).verdicts().get(0);

    assertThat(v.verdict()).isEqualTo(Verdict.MET);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void finishReasonLengthIsAnErrorNamingTheSetting() {
    server.then(sse(stream("{\"verdict\":\"met\",\"confidence\":\"HI", "length")));

    assertThatThrownBy(() -> reviewer(null, 100_000).review(List.of(LIST), app, control()))
        .isInstanceOf(ReviewException.class).hasMessageContaining("finish_reason length")
        .hasMessageContaining("AI_MAX_RESPONSE_TOKENS");
  }

  @Test
  void identicalPromptsAreAnsweredFromTheCache(@TempDir Path cacheDir) throws Exception {
    server.then(answer(GOOD));
    ResponseCache cache = new ResponseCache(cacheDir);
    reviewer(cache, 100_000).review(List.of(LIST), app, control());

    RequirementReviewer.Review again = reviewer(cache, 100_000).review(List.of(LIST), app, control());

    assertThat(server.requests()).hasSize(1);
    assertThat(again.info().cachedAnswers()).isEqualTo(1);
    assertThat(again.info().apiCalls()).isZero();
    assertThat(again.verdicts().get(0).cached()).isTrue();
    assertThat(again.verdicts().get(0).verdict()).isEqualTo(Verdict.MET);
  }

  @Test
  void concurrentReviewKeepsRequirementOrderAndCountsEveryCall() throws Exception {
    server.then(answer(GOOD));
    List<Requirement> four = List.of(LIST, DELETE, new Requirement("b3", "POST /api/todos - create todo", "backend"),
        new Requirement("f2", "Add todo form with a title input", "frontend"));
    LlmReviewer parallel = new LlmReviewer(new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENAI,
        server.v1(), "test/model")), null, 500, 2000, 100_000, 3);

    RequirementReviewer.Review r = parallel.review(four, app, control());

    assertThat(r.verdicts()).extracting(v -> v.requirement().id()).containsExactly("b2", "b5", "b3", "f2");
    assertThat(r.info().apiCalls()).isEqualTo(4);
    assertThat(r.info().tokensIn()).isEqualTo(4 * 120);
    assertThat(server.requests()).hasSize(4);
  }

  @Test
  void aFailingRequirementFailsAConcurrentReview() {
    server.then(answer("not json"));
    LlmReviewer parallel = new LlmReviewer(new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENAI,
        server.v1(), "test/model")), null, 500, 2000, 100_000, 2);

    assertThatThrownBy(() -> parallel.review(List.of(LIST, DELETE, LIST), app, control()))
        .isInstanceOf(ReviewException.class).hasMessageContaining("after one repair");
  }

  @Test
  void requirementsPastTheTokenBudgetAreJudgedByEmbeddingIrAndMarked() throws Exception {
    server.then(answer(GOOD));

    RequirementReviewer.Review r = reviewer(null, 200).review(List.of(LIST, DELETE), app, control());

    assertThat(server.requests()).isEmpty();
    assertThat(r.verdicts()).allSatisfy(v -> {
      assertThat(v.method()).isEqualTo("embedding-ir");
      assertThat(v.explanation()).startsWith("[TOKEN BUDGET]");
    });
    assertThat(r.notes().get(0)).contains("token budget");
  }
}
