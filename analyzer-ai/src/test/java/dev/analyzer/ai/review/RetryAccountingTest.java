package dev.analyzer.ai.review;

import static dev.analyzer.ai.testing.FakeModelServer.answer;
import static dev.analyzer.ai.testing.FakeModelServer.chunk;
import static dev.analyzer.ai.testing.FakeModelServer.sse;
import static dev.analyzer.ai.testing.FakeModelServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.backend.Backoff;
import dev.analyzer.ai.backend.HttpBackendConfig;
import dev.analyzer.ai.backend.OpenAiCompatibleBackend;
import dev.analyzer.ai.backend.Preset;
import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.retrieval.IndexedApp;
import dev.analyzer.ai.retrieval.MiniLmEmbedder;
import dev.analyzer.ai.testing.FakeModelServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Review finding 6: every attempt of a retried call counts in the budget and in the report. */
class RetryAccountingTest {

  static IndexedApp app;
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

  LlmReviewer reviewer(long budget) {
    return new LlmReviewer(new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENAI, server.v1(), "test/model")
        .withRetries(3, new Backoff(Duration.ZERO, Duration.ZERO, () -> 0.0), d -> { })), null, 500, 2000, budget);
  }

  @Test
  void failedAttemptsAreCountedAsCallsWithTheirReportedUsage() throws Exception {
    String usageThenError = chunk("{\"ver", null)
        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":5,\"cost\":0.0001}}\n\n"
        + "data: {\"error\":{\"code\":502,\"message\":\"Provider returned error\"}}\n\n";
    server.then(status(500, "{\"error\":{\"message\":\"boom\"}}", Map.of()), sse(usageThenError),
        answer(LlmReviewerTest.GOOD));

    RequirementReviewer.Review r = reviewer(1_000_000).review(List.of(LlmReviewerTest.LIST), app,
        ReviewControl.unbounded(Clock.systemUTC()));

    assertThat(server.requests()).hasSize(3);
    assertThat(r.info().apiCalls()).isEqualTo(3);
    assertThat(r.info().tokensIn()).isEqualTo(220);
    assertThat(r.info().tokensOut()).isEqualTo(35);
    assertThat(r.info().costUsd()).isEqualTo(0.00052, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aRetryThatWouldPassTheTokenBudgetIsNotSent() throws Exception {
    server.then(answer(LlmReviewerTest.GOOD));
    reviewer(1_000_000).review(List.of(LlmReviewerTest.LIST), app, ReviewControl.unbounded(Clock.systemUTC()));
    JsonNode body = server.requests().get(0).body();
    long chars = 0;
    for (JsonNode m : body.get("messages")) {
      chars += m.get("content").asText().length();
    }
    long estimate = chars / 4 + 500;
    server.close();
    server = new FakeModelServer().then(status(503, "{\"error\":{\"message\":\"busy\"}}", Map.of()),
        answer(LlmReviewerTest.GOOD));

    RequirementReviewer.Review r;
    try {
      r = reviewer(estimate * 3 / 2).review(List.of(LlmReviewerTest.LIST), app, ReviewControl.unbounded(Clock.systemUTC()));
    } catch (ReviewException e) {
      assertThat(e.getMessage()).contains("AI_TOKEN_BUDGET");
      assertThat(server.requests()).hasSize(1);
      return;
    }
    assertThat(server.requests()).as("the retry needs a second estimate the budget does not hold").hasSize(1);
    assertThat(r.verdicts().get(0).explanation()).contains("AI_TOKEN_BUDGET");
  }
}
