package dev.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ResultStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 concurrent analyses through one client limited to 50 connections: every one ends with its
 * own result, the service never holds more than 50 connections from the client, and the client's
 * file descriptors return to their starting level.
 */
class LoadIT {

  @TempDir
  Path tmp;

  private static long openFds() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void thousandAnalysesFiftyConnectionsNoneLostNoneDuplicated() throws Exception {
    Path source = Corpora.tiny(tmp);
    try (ServiceProcess svc = ServiceProcess.start(ServiceProcess.freePort(), Map.of("ANALYZER_SOURCE_ROOTS",
        tmp.toString(), "ANALYZER_MAX_CONCURRENT_ANALYSES", "100"))) {
      svc.metrics();
      long fdsBefore = openFds();
      AnalyzerClient client = Clients.client(Clients.settings(50, 1000, Duration.ofSeconds(60), 3), svc.url());
      List<AnalysisHandle> handles = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        handles.add(client.submit(Clients.request(source, i, "secrets"), null));
      }
      Set<String> ids = new HashSet<>();
      int ok = 0;
      for (AnalysisHandle h : handles) {
        Message m = h.result().get(5, TimeUnit.MINUTES);
        assertThat(m).as("reply of %s", h.id()).isInstanceOf(AnalysisResult.class);
        AnalysisResult r = (AnalysisResult) m;
        assertThat(r.correlationId()).isEqualTo(h.id());
        assertThat(ids.add(r.correlationId())).as("duplicate reply %s", r.correlationId()).isTrue();
        if (r.status() == ResultStatus.SUCCESS) {
          ok++;
        }
      }
      assertThat(ok).isEqualTo(1000);
      assertThat(client.stats().activeTasks()).isZero();

      client.close();

      await().atMost(Duration.ofSeconds(15)).until(() -> openFds() <= fdsBefore);
      assertThat(svc.metric("analyzer_connections_peak")).isBetween(1.0, 50.0);
      assertThat(svc.metric("analyzer_analyses_started_total{type=\"static_analyze\"}")).isEqualTo(1000.0);
    }
  }
}
