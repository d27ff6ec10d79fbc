package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.testing.Services;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 point 13: close() on an I/O thread returns at once and the client still ends cleanly. */
class CloseOnEventLoopTest {

  @TempDir
  Path root;

  @Test
  void closeFromInsideAProgressCallbackReturnsPromptlyAndTheClientEndsCleanly() throws Exception {
    try (Services.Running svc = Services.start(root)) {
      AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build();
      AtomicReference<AnalyzerClient> ref = new AtomicReference<>(client);
      CompletableFuture<Long> closeMillis = new CompletableFuture<>();
      CompletableFuture<String> thread = new CompletableFuture<>();

      // Given an analysis whose first progress frame closes the client, on the I/O thread
      AnalysisHandle h = client.submit(Services.request("sleep"), update -> {
        if (thread.complete(Thread.currentThread().getName())) {
          long t0 = System.nanoTime();
          ref.get().close();
          closeMillis.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
      });

      // Then close() returned promptly there, and the analysis ended cancelled on the service too
      assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("analyzer-client-io");
      assertThat(closeMillis.get(5, TimeUnit.SECONDS)).isLessThan(100L);
      assertThat(ClientFailure.of(h.result().get(5, TimeUnit.SECONDS))).contains(ClientFailure.CANCELLED);
      await().atMost(Duration.ofSeconds(5)).until(() -> svc.server().analysesInFlight() == 0);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        assertThat(client.stats().activeConnections()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
            && (t.getName().equals("analyzer-client-close")));
      });
    }
  }
}
