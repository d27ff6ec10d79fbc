package dev.analyzer.ai.backend;

import static dev.analyzer.ai.testing.FakeModelServer.answer;
import static dev.analyzer.ai.testing.FakeModelServer.chunk;
import static dev.analyzer.ai.testing.FakeModelServer.sse;
import static dev.analyzer.ai.testing.FakeModelServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.ai.testing.FakeModelServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Review finding 5: an error inside a 200 answer is retried only when its code says another try may work. */
class StreamErrorRetryTest {

  final FakeModelServer server;
  final List<Duration> slept = new CopyOnWriteArrayList<>();

  StreamErrorRetryTest() throws IOException {
    server = new FakeModelServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  OpenAiCompatibleBackend backend(Preset preset) {
    return new OpenAiCompatibleBackend(HttpBackendConfig.of(preset, preset.nativeOllama() ? server.root() : server.v1(),
        "m").withClock(OpenAiCompatibleBackendTest.CLOCK)
        .withRetries(3, new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), () -> 0.5), slept::add));
  }

  @ParameterizedTest
  @ValueSource(strings = {"400", "401", "402", "403", "\"401\""})
  void aClientErrorCodeInsideTheStreamIsNotRetried(String code) {
    server.then(sse(chunk("{\"a", null) + "data: {\"error\":{\"code\":" + code + ",\"message\":\"no\"}}\n\n"),
        answer("{}"));

    assertThatThrownBy(() -> backend(Preset.OPENROUTER).complete(OpenAiCompatibleBackendTest.request(),
        OpenAiCompatibleBackendTest.limits())).isInstanceOf(BackendException.class)
        .satisfies(e -> assertThat(((BackendException) e).retryable()).isFalse())
        .hasMessageContaining("code " + code.replace("\"", ""));
    assertThat(server.requests()).hasSize(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void aPlainJsonBodyWithAnErrorCodeIsNotRetried() {
    server.then(status(200, "{\"error\":{\"code\":401,\"message\":\"No auth credentials found\"}}", Map.of()),
        answer("{}"));

    assertThatThrownBy(() -> backend(Preset.OPENROUTER).complete(OpenAiCompatibleBackendTest.request(),
        OpenAiCompatibleBackendTest.limits())).isInstanceOf(BackendException.class).hasMessageContaining("401");
    assertThat(server.requests()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"429", "502", "408", "\"server_error\""})
  void aTransientCodeOrNoCodeIsRetried(String code) throws Exception {
    server.then(sse("data: {\"error\":{\"code\":" + code + ",\"message\":\"busy\"}}\n\n"), answer("{\"ok\":1}"));

    assertThat(backend(Preset.OPENROUTER).complete(OpenAiCompatibleBackendTest.request(),
        OpenAiCompatibleBackendTest.limits()).content()).isEqualTo("{\"ok\":1}");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void ollamaErrorsWithoutACodeAreRetriedAndWithAClientCodeAreNot() throws Exception {
    server.then(status(200, "{\"error\":\"busy\"}\n", Map.of("Content-Type", "application/x-ndjson")),
        status(200, "{\"message\":{\"content\":\"{}\"},\"done\":true}\n", Map.of("Content-Type", "application/x-ndjson")));
    assertThat(backend(Preset.OLLAMA_NATIVE).complete(OpenAiCompatibleBackendTest.request(),
        OpenAiCompatibleBackendTest.limits()).content()).isEqualTo("{}");
    assertThat(server.requests()).hasSize(2);
  }
}
