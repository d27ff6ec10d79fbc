package dev.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.ClientStats;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9, a breaker that opens and recovers, and a replica lost mid-run, with real service processes. */
class FaultsIT {

  @TempDir
  Path tmp;

  private Map<String, String> env() {
    return Map.of("ANALYZER_SOURCE_ROOTS", tmp.toString(), "ANALYZER_MAX_CONCURRENT_ANALYSES", "64");
  }

  private static String breaker(AnalyzerClient c, String url) {
    return c.stats().circuitBreakers().states().stream().filter(s -> s.url().equals(url))
        .map(ClientStats.BreakerState::state).findFirst().orElseThrow();
  }

  @Test
  void killDashNineMidAnalysisEndsTheRequestWithinTwoSeconds() throws Exception {
    Path big = Corpora.big(tmp);
    try (ServiceProcess svc = ServiceProcess.start(ServiceProcess.freePort(), env());
        AnalyzerClient client = Clients.client(Clients.settings(10, 5, Duration.ofSeconds(60), 3), svc.url())) {
      AnalysisHandle h = client.submit(Clients.request(big, 1, "pylint"), null);
      await().atMost(Duration.ofSeconds(30)).until(() -> svc.metric("analyzer_analyses_in_flight") == 1.0);

      svc.kill9();
      long t0 = System.nanoTime();
      Message m = h.result().get(30, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(ClientFailure.of(m)).isPresent();
      assertThat(took).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void repeatedFailuresOpenTheBreakerWhichFailsFastAndRecoversWhenTheServiceIsBack() throws Exception {
    Path tiny = Corpora.tiny(tmp);
    int port = ServiceProcess.freePort();
    String url = "ws://127.0.0.1:" + port;
    try (AnalyzerClient client = Clients.client(Clients.settings(10, 3, Duration.ofMillis(500), 1), url)) {
      for (int i = 0; i < 3; i++) {
        assertThat(ClientFailure.of(client.submit(Clients.request(tiny, i, "secrets"), null).result().get()))
            .contains(ClientFailure.UNREACHABLE);
      }
      assertThat(breaker(client, url)).isEqualTo("open");
      long t0 = System.nanoTime();
      Message fast = client.submit(Clients.request(tiny, 9, "secrets"), null).result().get();
      assertThat(ClientFailure.of(fast)).contains(ClientFailure.CIRCUIT_OPEN);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));

      try (ServiceProcess svc = ServiceProcess.start(port, env())) {
        await().atMost(Duration.ofSeconds(5)).until(() -> breaker(client, url).equals("half_open"));
        Message probe = client.submit(Clients.request(tiny, 10, "secrets"), null).result().get(30, TimeUnit.SECONDS);
        assertThat(probe).isInstanceOf(AnalysisResult.class);
        assertThat(breaker(client, url)).isEqualTo("closed");
      }
    }
  }

  @Test
  void withTwoReplicasAndOneKilledMidRunNoRequestIsLost() throws Exception {
    Path tiny = Corpora.tiny(tmp);
    try (ServiceProcess a = ServiceProcess.start(ServiceProcess.freePort(), env());
        ServiceProcess b = ServiceProcess.start(ServiceProcess.freePort(), env());
        AnalyzerClient client = Clients.client(Clients.settings(20, 3, Duration.ofSeconds(60), 3), a.url(), b.url())) {
      List<AnalysisHandle> handles = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        handles.add(client.submit(Clients.request(tiny, i, "pylint"), null));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> a.metric("analyzer_analyses_in_flight") >= 1.0);

      a.kill9();
      for (int i = 8; i < 12; i++) {
        handles.add(client.submit(Clients.request(tiny, i, "pylint"), null));
      }

      for (AnalysisHandle h : handles) {
        assertThat(h.result().get(3, TimeUnit.MINUTES)).as("reply of %s", h.id()).isInstanceOf(AnalysisResult.class);
      }
    }
  }
}
