package dev.analyzer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ServiceSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The paths the manifests probe and scrape are real routes of the service base: a real
 * {@link AnalyzerServer} on port 0 answers each with 200 (and /metrics with Prometheus text).
 */
class ProbeRoutesTest {

  /** The smallest real service: it serves the base's routes and never analyzes. */
  private static final class IdleService implements AnalyzerService {
    @Override
    public String name() {
      return "probe-target";
    }

    @Override
    public String version() {
      return "0";
    }

    @Override
    public AnalysisKind kind() {
      return AnalysisKind.STATIC;
    }

    @Override
    public AnalysisOutcome analyze(AnalysisContext context) {
      return AnalysisOutcome.error("not used");
    }
  }

  private AnalyzerServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdown(Duration.ofMillis(100));
    }
  }

  @Test
  void everyProbedAndScrapedPathIsARouteThatAnswers200() throws Exception {
    Set<String> paths = new LinkedHashSet<>();
    for (ServiceUnderTest s : ServiceUnderTest.all()) {
      Container c = s.container();
      for (HTTPGetAction get : new HTTPGetAction[] {c.getReadinessProbe().getHttpGet(),
          c.getLivenessProbe().getHttpGet(), c.getStartupProbe().getHttpGet()}) {
        paths.add(get.getPath());
      }
      paths.add(s.deployment().getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path"));
    }
    server = AnalyzerServer.builder(new IdleService()).withSettings(ServiceSettings.defaults(0).withPort(0)).build()
        .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    assertThat(paths).containsExactlyInAnyOrder("/ready", "/health", "/metrics");
    for (String path : paths) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    }
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("# TYPE");
  }
}
