package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /ready}: 200 when the service should get work; 503 naming the problem while it drains,
 * while a required tool is missing, or while a condition of the service's own fails.
 */
class ReadyTest {

  private final ProtocolCodec codec = ProtocolCodec.create();
  @TempDir
  Path root;
  private AnalyzerServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private JsonNode body(HttpResponse<String> res) throws Exception {
    assertThat(res.headers().firstValue("content-type")).contains("application/json");
    return codec.mapper().readTree(res.body());
  }

  @Test
  void aServiceThatRequiresNothingIsReady() throws Exception {
    server = Servers.start(new ScriptedService(), Servers.settings(root));

    HttpResponse<String> res = Servers.get(server, "/ready");

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode body = body(res);
    assertThat(body.get("status").asText()).isEqualTo("ready");
    assertThat(body.get("service").asText()).isEqualTo("scripted-analyzer");
    assertThat(body.get("problems")).isEmpty();
  }

  @Test
  void aMissingRequiredToolMakesItUnreadyButLeavesHealthAlone() throws Exception {
    server = Servers.start(new Needs(List.of("sh", "no-such-tool-xyz"), List.of()), Servers.settings(root));

    HttpResponse<String> res = Servers.get(server, "/ready");

    assertThat(res.statusCode()).isEqualTo(503);
    JsonNode body = body(res);
    assertThat(body.get("status").asText()).isEqualTo("not_ready");
    assertThat(body.get("problems")).extracting(JsonNode::asText)
        .containsExactly("required tool no-such-tool-xyz was not found at start");
    assertThat(Servers.get(server, "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aConditionOfTheServicesOwnIsReportedAndAFailingCheckIsAProblemToo() throws Exception {
    server = Servers.start(new Needs(List.of("sh"), List.of("model not loaded yet")), Servers.settings(root));
    assertThat(body(Servers.get(server, "/ready")).get("problems")).extracting(JsonNode::asText)
        .containsExactly("model not loaded yet");
    server.close();

    server = Servers.start(new Needs(List.of(), null) {
      @Override
      public List<String> readinessProblems() {
        throw new IllegalStateException("probe exploded");
      }
    }, Servers.settings(root));
    HttpResponse<String> res = Servers.get(server, "/ready");
    assertThat(res.statusCode()).isEqualTo(503);
    assertThat(body(res).get("problems")).extracting(JsonNode::asText)
        .containsExactly("readiness check failed: probe exploded");
  }

  @Test
  void whileDrainingItIsUnreadyForTheWholeGrace() throws Exception {
    ScriptedService service = new ScriptedService();
    server = Servers.start(service, Servers.settings(root).withShutdownGrace(Duration.ofSeconds(20)));
    assertThat(Servers.get(server, "/ready").statusCode()).isEqualTo(200);
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"r1\",\"config\":{\"mode\":\"gated\"}}");
      await().atMost(Duration.ofSeconds(10)).until(() -> service.startOrder.size() == 1);

      CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(20)));
      await().atMost(Duration.ofSeconds(10)).until(server::isDraining);

      HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/ready")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(503);
      JsonNode body = body(res);
      assertThat(body.get("draining").asBoolean()).isTrue();
      assertThat(body.get("problems")).extracting(JsonNode::asText)
          .containsExactly("draining: the service is shutting down");

      service.gate.release(1);
      shutdown.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void readyAnswersHeadAndRefusesOtherMethods() throws Exception {
    server = Servers.start(new ScriptedService(), Servers.settings(root));
    HttpClient http = HttpClient.newHttpClient();
    URI ready = URI.create("http://127.0.0.1:" + server.port() + "/ready");

    assertThat(http.send(HttpRequest.newBuilder(ready).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(ready).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
  }

  /** A service that requires {@code tools} and reports {@code problems}. */
  private static class Needs implements AnalyzerService {
    private final List<String> tools;
    private final List<String> problems;

    Needs(List<String> tools, List<String> problems) {
      this.tools = tools;
      this.problems = problems == null ? List.of() : new CopyOnWriteArrayList<>(problems);
    }

    @Override
    public String name() {
      return "needy-analyzer";
    }

    @Override
    public String version() {
      return "1.0.0";
    }

    @Override
    public AnalysisKind kind() {
      return AnalysisKind.STATIC;
    }

    @Override
    public List<String> detectTools(ProcessRunner runner) {
      return List.of("sh");
    }

    @Override
    public List<String> requiredTools() {
      return tools;
    }

    @Override
    public List<String> readinessProblems() {
      return problems;
    }

    @Override
    public AnalysisOutcome analyze(AnalysisContext context) {
      return AnalysisOutcome.error("not used");
    }
  }
}
