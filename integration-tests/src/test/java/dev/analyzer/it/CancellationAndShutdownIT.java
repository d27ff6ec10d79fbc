package dev.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancel through the client kills the service's process tree; SIGTERM delivers the result and exits 0. */
class CancellationAndShutdownIT {

  @TempDir
  Path tmp;

  private Map<String, String> env() {
    return Map.of("ANALYZER_SOURCE_ROOTS", tmp.toString());
  }

  @Test
  void cancelThroughTheClientKillsEveryProcessOfTheTreeWithinTwoSeconds() throws Exception {
    Path big = Corpora.big(tmp);
    try (ServiceProcess svc = ServiceProcess.start(ServiceProcess.freePort(), env());
        AnalyzerClient client = Clients.client(Clients.settings(10, 5, Duration.ofSeconds(60), 3), svc.url())) {
      AnalysisHandle h = client.submit(Clients.request(big, 1, "pylint", "flake8"), null);
      await().atMost(Duration.ofSeconds(30)).until(() -> !svc.descendants().isEmpty());
      List<Long> tree = svc.descendants();

      h.cancel();

      assertThat(ClientFailure.of(h.result().get(5, TimeUnit.SECONDS))).contains(ClientFailure.CANCELLED);
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
          assertThat(tree).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
              .as("pid %d", pid).isFalse()));
      await().atMost(Duration.ofSeconds(5)).until(() ->
          svc.metric("analyzer_analyses_finished_total{status=\"cancelled\",type=\"static_analyze\"}") == 1.0);
    }
  }

  @Test
  void sigtermDuringAnAnalysisDeliversItsResultAndExitsZero() throws Exception {
    Path tiny = Corpora.tiny(tmp);
    try (ServiceProcess svc = ServiceProcess.start(ServiceProcess.freePort(), env());
        AnalyzerClient client = Clients.client(Clients.settings(10, 5, Duration.ofSeconds(60), 3), svc.url())) {
      AnalysisHandle h = client.submit(Clients.request(tiny, 1, "pylint"), null);
      await().atMost(Duration.ofSeconds(30)).until(() -> svc.metric("analyzer_analyses_in_flight") == 1.0);

      svc.sigterm();

      AnalysisResult r = (AnalysisResult) h.result().get(60, TimeUnit.SECONDS);
      assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(svc.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(svc.process().exitValue()).isZero();
    }
  }
}
