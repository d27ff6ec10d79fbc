package dev.analyzer.ai.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.analyzer.ai.testing.FakeModelServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Review finding 9: a body that never sends a newline is cut at the cap, not read until the call
 * timeout. The server writes 10 MiB without a newline, then trickles until the client goes.
 */
class EndlessLineTest {

  static FakeModelServer.Reply endless(int status, String type) {
    return ex -> {
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, 0);
      byte[] block = new byte[64 * 1024];
      Arrays.fill(block, (byte) 'a');
      OutputStream out = ex.getResponseBody();
      try {
        out.write("data: ".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 160; i++) {
          out.write(block);
        }
        out.flush();
        for (int i = 0; i < 1200; i++) {
          out.write('a');
          out.flush();
          Thread.sleep(50);
        }
      } catch (IOException clientGone) {
        // expected: the client closed the stream at its cap
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  Throwable call(FakeModelServer.Reply reply) throws IOException {
    try (FakeModelServer server = new FakeModelServer().then(reply)) {
      OpenAiCompatibleBackend b = new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENAI, server.v1(), "m")
          .withCallTimeout(Duration.ofSeconds(20))
          .withRetries(0, new Backoff(Duration.ZERO, Duration.ZERO, () -> 0.0), d -> { }));
      return catchThrowable(() -> b.complete(OpenAiCompatibleBackendTest.request(), OpenAiCompatibleBackendTest.limits()));
    }
  }

  @Test
  void anAnswerLineWithoutEndIsCutAtTheStreamCap() throws Exception {
    Throwable t = call(endless(200, "text/event-stream"));

    assertThat(t).isInstanceOf(BackendException.class).hasMessageContaining("passed " + StreamingCall.MAX_STREAM_CHARS);
    assertThat(((BackendException) t).kind()).isEqualTo(BackendException.Kind.PROTOCOL);
    assertThat(((BackendException) t).retryable()).isFalse();
  }

  @Test
  void anErrorBodyWithoutEndIsCutAtItsCap() throws Exception {
    Throwable t = call(endless(500, "application/json"));

    assertThat(t).isInstanceOf(BackendException.class).hasMessageContaining("HTTP 500");
    assertThat(((BackendException) t).kind()).isEqualTo(BackendException.Kind.HTTP_STATUS);
  }
}
