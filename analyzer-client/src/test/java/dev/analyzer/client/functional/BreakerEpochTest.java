package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.ClientStats;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ResultStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 point 10: analyses admitted while the breaker was closed and finishing while it is
 * half-open are not probes, and a half-open period admits at most {@code HALF_OPEN_CALLS} probes
 * even when probes finish one after another. Time is a fake ticker (the 60 s open period passes at
 * once) and the slow analyses wait at gates the test opens, so no step depends on timing.
 */
class BreakerEpochTest {

  private static final int HALF_OPEN_CALLS = 3;
  private static final int SLOW = 20;
  private static final int CALLERS = 10;

  @TempDir
  Path root;

  @Test
  void twentySlowAnalysesFinishingHalfOpenNeitherCloseTheBreakerNorAdmitExtraProbes() throws Exception {
    AtomicLong ticker = new AtomicLong();
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(50, 2, Duration.ofSeconds(60), HALF_OPEN_CALLS),
            svc.url()).withTicker(ticker::get).build()) {
      // Given 20 slow analyses in flight, admitted while closed
      List<AnalysisHandle> slow = new ArrayList<>();
      for (int i = 0; i < SLOW; i++) {
        slow.add(client.submit(Services.request("gate", "gate", "slow", "n", i), null));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> svc.gates().arrived("slow") == SLOW);
      // and other failures open the breaker
      for (int i = 0; i < 2; i++) {
        AnalysisResult r = (AnalysisResult) reply(client.submit(Services.request("throw", "n", 100 + i), null));
        assertThat(r.status()).isEqualTo(ResultStatus.ERROR);
      }
      assertThat(breaker(client, svc.url()).state()).isEqualTo("open");
      // and the open period passes: one slow probe goes in
      ticker.addAndGet(Duration.ofSeconds(60).toNanos());
      AnalysisHandle probe = client.submit(Services.request("gate", "gate", "probe", "n", 200), null);
      await().atMost(Duration.ofSeconds(10)).until(() -> svc.gates().arrived("probe") == 1);

      // When the 20 finish, successfully, while half-open
      svc.gates().open("slow");
      for (AnalysisHandle h : slow) {
        assertThat(reply(h)).isInstanceOf(AnalysisResult.class);
      }

      // Then the breaker is still half-open and has admitted one probe
      assertThat(breaker(client, svc.url()).state()).isEqualTo("half_open");
      assertThat(breaker(client, svc.url()).probesAdmitted()).isEqualTo(1);
      assertThat(breaker(client, svc.url()).staleOutcomes()).isEqualTo(SLOW);
      // and 10 more callers, one after another (each probe has finished before the next asks),
      // get only the remaining probe permits
      List<Message> replies = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        replies.add(reply(client.submit(Services.request("quick", "n", 300 + i), null)));
      }
      assertThat(replies.subList(0, HALF_OPEN_CALLS - 1)).allMatch(r -> r instanceof AnalysisResult);
      assertThat(replies.subList(HALF_OPEN_CALLS - 1, CALLERS))
          .allMatch(r -> ClientFailure.of(r).equals(Optional.of(ClientFailure.CIRCUIT_OPEN)));
      assertThat(breaker(client, svc.url()).probesAdmitted()).isEqualTo(HALF_OPEN_CALLS);
      assertThat(breaker(client, svc.url()).state()).as("two of three real probes succeeded").isEqualTo("half_open");
      // and it closes on the last real probe's success
      svc.gates().open("probe");
      assertThat(reply(probe)).isInstanceOf(AnalysisResult.class);
      assertThat(breaker(client, svc.url()).state()).isEqualTo("closed");
      assertThat(svc.service().analyses.get()).isEqualTo(SLOW + 2 + HALF_OPEN_CALLS);
    }
  }

  private static Message reply(AnalysisHandle h) throws Exception {
    return h.result().get(20, TimeUnit.SECONDS);
  }

  private static ClientStats.BreakerState breaker(AnalyzerClient client, String url) {
    return client.stats().circuitBreakers().states().stream().filter(s -> s.url().equals(url)).findFirst()
        .orElseThrow();
  }
}
