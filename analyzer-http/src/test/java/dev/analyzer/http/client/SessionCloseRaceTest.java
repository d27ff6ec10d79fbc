package dev.analyzer.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Close racing sends: whatever the interleaving, every request either completes with a response or
 * fails with a {@link HttpFailure} (CLOSED, or the connection cut under it); once close() and the
 * sends have returned every request is done; the session opens nothing after close has returned.
 */
class SessionCloseRaceTest {

  @Test
  void closeRacingSendsNeverLeavesARequestHanging() throws Exception {
    try (TestServer server = TestServer.http();
         HttpEngine engine = HttpEngine.builder().withTargetPolicy(HttpEngineTest.POLICY).build()) {
      ResolvedTarget t = HttpEngineTest.POLICY.check(Target.parse("http://127.0.0.1:" + server.port()));
      int closedFirst = 0;
      int answered = 0;
      for (int i = 0; i < 1000; i++) {
        HttpSession s = engine.openSession(RequestBudget.unlimited(), false);
        List<CompletableFuture<HttpResponse>> fs = new ArrayList<>();
        fs.add(s.send(HttpRequest.get(t, "/hello")));
        CompletableFuture<Void> closer = CompletableFuture.runAsync(() -> {
          spin(ThreadLocalRandom.current().nextInt(1_000_000));
          s.close();
        });
        fs.add(s.send(HttpRequest.get(t, "/hello")));
        closer.get(5, TimeUnit.SECONDS);
        // once close() and every send() have returned, no request may still be pending
        assertThat(fs).allSatisfy(f -> assertThat(f).isDone());
        long opened = s.connectionsOpened();
        for (CompletableFuture<HttpResponse> f : fs) {
          try {
            assertThat(f.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
            answered++;
          } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(HttpFailure.class);
            closedFirst++;
          }
        }
        assertThat(s.send(HttpRequest.get(t, "/hello"))).failsWithin(Duration.ofSeconds(1))
            .withThrowableThat().havingCause().isInstanceOf(HttpFailure.class);
        assertThat(s.connectionsOpened()).isEqualTo(opened);
      }
      assertThat(answered).as("rounds where the response won").isPositive();
      assertThat(closedFirst).as("rounds where close won").isPositive();
      assertThat(closedFirst + answered).isEqualTo(2000);
    }
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
