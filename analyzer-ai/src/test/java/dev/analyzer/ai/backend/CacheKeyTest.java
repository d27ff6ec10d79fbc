package dev.analyzer.ai.backend;

import static dev.analyzer.ai.testing.FakeModelServer.answer;
import static dev.analyzer.ai.testing.FakeModelServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.ai.testing.FakeModelServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Review finding 8: a cached answer is only reused for the same server and the same response_format mode. */
class CacheKeyTest {

  @Test
  void theBaseUrlIsPartOfTheKey() {
    ChatRequest req = OpenAiCompatibleBackendTest.request();
    OpenAiCompatibleBackend a = new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENAI,
        URI.create("http://127.0.0.1:8000/v1"), "m"));
    OpenAiCompatibleBackend b = new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENAI,
        URI.create("http://127.0.0.1:9000/v1"), "m"));

    assertThat(ResponseCache.key(a, req)).isNotEqualTo(ResponseCache.key(b, req));
    assertThat(ResponseCache.key(a, req)).isEqualTo(ResponseCache.key(new OpenAiCompatibleBackend(
        HttpBackendConfig.of(Preset.OPENAI, URI.create("http://127.0.0.1:8000/v1"), "m")), req));
  }

  @Test
  void theResponseFormatModeIsPartOfTheKey() throws Exception {
    try (FakeModelServer server = new FakeModelServer()) {
      server.then(status(400, "{\"error\":{\"message\":\"response_format json_schema is not supported\"}}", Map.of()),
          answer("{}"));
      ChatRequest req = OpenAiCompatibleBackendTest.request();
      OpenAiCompatibleBackend b = new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.LLAMACPP, server.v1(), "m")
          .withRetries(0, new Backoff(Duration.ZERO, Duration.ZERO, () -> 0.0), d -> { }));
      String before = ResponseCache.key(b, req);

      b.complete(req, OpenAiCompatibleBackendTest.limits());

      assertThat(b.usesJsonSchema()).isFalse();
      assertThat(ResponseCache.key(b, req)).isNotEqualTo(before);
    }
  }
}
