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

  @Test
  void aCallerWithALaterDeadlineThanTheFlightsRunsItsOwnAnalysisToTheEnd() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      // Given an analysis whose work takes 1.2 s, in flight with a 0.5 s deadline
      AnalysisHandle first = client.submit(Services.request("sleep", "millis", 1200), null, Duration.ofMillis(500));
      assertThat(svc.service().started.await(5, TimeUnit.SECONDS)).isTrue();

      // When an identical request with a 5 s deadline comes, then another with 4.9 s
      AnalysisHandle later = client.submit(Services.request("sleep", "millis", 1200), null, Duration.ofSeconds(5));
      AnalysisHandle fits = client.submit(Services.request("sleep", "millis", 1200), null, Duration.ofMillis(4900));

      // Then the first times out at its deadline, and the later one, not held to it, gets the result
      assertThat(ClientFailure.of(first.result().get(5, TimeUnit.SECONDS))).contains(ClientFailure.TIMEOUT);
      Message result = later.result().get(10, TimeUnit.SECONDS);
      assertThat(result).as("%s", result).isInstanceOf(AnalysisResult.class);
      assertThat(((AnalysisResult) result).correlationId()).isEqualTo(later.id());
      assertThat(later.isDeduplicated()).as("started its own analysis").isFalse();
      // and the third, whose deadline fits the second flight's, shared it
      assertThat(fits.isDeduplicated()).isTrue();
      assertThat(((AnalysisResult) fits.result().get(10, TimeUnit.SECONDS)).correlationId()).isEqualTo(fits.id());
      assertThat(svc.service().analyses.get()).isEqualTo(2);
      assertThat(client.stats().activeTasks()).isZero();
    }
  }
}
