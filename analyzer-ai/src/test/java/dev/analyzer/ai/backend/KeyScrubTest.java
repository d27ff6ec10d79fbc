package dev.analyzer.ai.backend;

import static dev.analyzer.ai.testing.FakeModelServer.chunk;
import static dev.analyzer.ai.testing.FakeModelServer.sse;
import static dev.analyzer.ai.testing.FakeModelServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.analyzer.ai.testing.FakeModelServer;
import dev.analyzer.service.secrets.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Review finding 7: a key echoed by a provider never survives in an error, not even cut in part. */
class KeyScrubTest {

  static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  final FakeModelServer server;

  KeyScrubTest() throws IOException {
    server = new FakeModelServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String failure(FakeModelServer.Reply reply) {
    server.then(reply);
    OpenAiCompatibleBackend b = new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENROUTER, server.v1(), "m")
        .withKey(Secret.of("OPENROUTER_API_KEY", KEY))
        .withRetries(0, new Backoff(Duration.ZERO, Duration.ZERO, () -> 0.0), d -> { }));
    Throwable t = catchThrowable(() -> b.complete(OpenAiCompatibleBackendTest.request(),
        OpenAiCompatibleBackendTest.limits()));
    assertThat(t).isInstanceOf(BackendException.class);
    return t.getMessage();
  }

  @Test
  void aKeyCrossingTheCutOfAnErrorBodyIsMaskedWhole() {
    String pad = "x".repeat(270);
    String m = failure(status(401, "{\"error\":{\"message\":\"" + pad + " bad key " + KEY + "\"}}", Map.of()));

    assertThat(m).doesNotContain(KEY.substring(0, 8)).contains("***");
  }

  @Test
  void aKeyCrossingTheCutOfAnInStreamErrorIsMaskedWhole() {
    String pad = "y".repeat(280);
    String m = failure(sse(chunk("{", null) + "data: {\"error\":{\"code\":401,\"message\":\"" + pad + " " + KEY
        + "\"}}\n\n"));

    assertThat(m).doesNotContain(KEY.substring(0, 8));
  }

  @Test
  void aBearerTokenAndAPrefixOfTheKeyAreMasked() {
    String m = failure(status(403, "{\"error\":{\"message\":\"got Authorization: Bearer sk-other-token-4242 and "
        + KEY.substring(0, 20) + "\"}}", Map.of()));

    assertThat(m).doesNotContain("sk-other-token-4242").doesNotContain(KEY.substring(0, 8)).contains("Bearer ***");
  }
}
