package dev.analyzer.ai.review;

import static dev.analyzer.ai.testing.FakeModelServer.answer;
import static dev.analyzer.ai.testing.FakeModelServer.chunk;
import static dev.analyzer.ai.testing.FakeModelServer.sse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.ServiceRun;
import dev.analyzer.ai.backend.HttpBackendConfig;
import dev.analyzer.ai.backend.OpenAiCompatibleBackend;
import dev.analyzer.ai.backend.Preset;
import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.retrieval.IndexedApp;
import dev.analyzer.ai.retrieval.MiniLmEmbedder;
import dev.analyzer.ai.testing.FakeModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Review finding 10: scores, method labels, empty apps and a stream without [DONE] tell the truth. */
class HonestLabelsTest {

  @TempDir
  Path dir;

  @Test
  void aDowngradedVerdictGetsAScoreOfItsNewStep() {
    RequirementVerdict v = EvidenceChecker.check(EvidenceCheckerTest.claim(Verdict.MET,
        new Evidence("backend/app.py", 3, "@app.route('/api/users')", null)), EvidenceCheckerTest.APP);

    assertThat(v.verdict()).isEqualTo(Verdict.PARTIAL);
    assertThat(v.score()).isLessThanOrEqualTo(0.5);
  }

  @Test
  void aReviewTheBudgetSentWhollyToEmbeddingIrSaysSo() throws Exception {
    IndexedApp app = IndexedApp.build(AppSource.read(Fixtures.todoApp(), 100, 1 << 20), MiniLmEmbedder.shared());
    try (FakeModelServer server = new FakeModelServer().then(answer(LlmReviewerTest.GOOD))) {
      LlmReviewer reviewer = new LlmReviewer(new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENAI,
          server.v1(), "m")), null, 500, 2000, 200);

      RequirementReviewer.Review r = reviewer.review(List.of(LlmReviewerTest.LIST), app,
          ReviewControl.unbounded(Clock.systemUTC()));

      assertThat(r.info().method()).isEqualTo("embedding-ir");
      assertThat(r.info().llmUsed()).isFalse();
    }
  }

  @Test
  void anAppWithNoReadableFileIsAnErrorNotASuccess() throws Exception {
    Files.writeString(dir.resolve("README.txt"), "no code here");
    try (ServiceRun s = ServiceRun.embedding(Map.of(), List.of(dir))) {
      JsonNode r = s.send("{\"type\":\"ai_analyze\",\"id\":\"e1\",\"source_path\":\"" + dir + "\",\"tools\":"
          + "[\"requirements-scanner\",\"code-quality-analyzer\"],\"config\":{\"requirements\":[\"a login page\"]}}",
          "ai_analysis_result");

      assertThat(r.get("status").asText()).isEqualTo("error");
      assertThat(r.get("error").asText()).contains("no readable source file");
    }
  }

  @Test
  void aStreamThatFinishedWithStopButNoDoneIsAccepted() throws Exception {
    try (FakeModelServer server = new FakeModelServer().then(sse(chunk("{\"a\":", null) + chunk("1}", "stop")))) {
      OpenAiCompatibleBackend b = new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENAI, server.v1(), "m")
          .withRetries(0, new dev.analyzer.ai.backend.Backoff(java.time.Duration.ZERO, java.time.Duration.ZERO,
              () -> 0.0), d -> { }));

      assertThat(b.complete(dev.analyzer.ai.backend.ChatRequest.of("s", "u", null, null, 10),
          new dev.analyzer.ai.backend.ChatBackend.CallLimits(java.time.Instant.MAX, () -> false, x -> { }))
          .content()).isEqualTo("{\"a\":1}");
      assertThat(server.requests()).hasSize(1);
    }
  }

}
