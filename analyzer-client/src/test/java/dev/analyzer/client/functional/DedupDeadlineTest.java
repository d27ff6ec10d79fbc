package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 point 11: a deduplicated follower keeps its own (shorter) deadline. */
class DedupDeadlineTest {

  @TempDir
  Path root;

  @Test
  void aShortFollowerTimesOutAtItsOwnDeadlineWhileTheSharedAnalysisGoesOn() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      // Given a 30 s analysis in flight
      AnalysisHandle leader = client.submit(Services.request("sleep", "millis", 1500), null, Duration.ofSeconds(30));
      svc.service().started.await(5, TimeUnit.SECONDS);

      // When an identical 0.3 s request joins it
      long t0 = System.nanoTime();
      AnalysisHandle follower = client.submit(Services.request("sleep", "millis", 1500), null, Duration.ofMillis(300));
      Message timedOut = follower.result().get(5, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      // Then the follower times out at its own deadline: {type: error, status: timeout}
      assertThat(follower.isDeduplicated()).isTrue();
      assertThat(ClientFailure.of(timedOut)).contains(ClientFailure.TIMEOUT);
      assertThat(timedOut.type().wire()).isEqualTo("error");
      assertThat(timedOut.extra()).containsEntry("status", "timeout");
      assertThat(((ErrorMessage) timedOut).correlationId()).isEqualTo(follower.id());
      assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofMillis(1200));
      // and the shared analysis goes on for the leader
      assertThat(leader.result().get(10, TimeUnit.SECONDS)).isInstanceOf(AnalysisResult.class);
      assertThat(svc.service().analyses.get()).isEqualTo(1);
      assertThat(client.stats().activeTasks()).isZero();
    }
  }
}
