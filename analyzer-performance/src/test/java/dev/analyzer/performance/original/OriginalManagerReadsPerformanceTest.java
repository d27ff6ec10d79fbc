package dev.analyzer.performance.original;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.performance.PerformanceAnalyzerService;
import dev.analyzer.performance.PerformanceSettings;
import dev.analyzer.performance.testing.TestHttpServer;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19 point 1 for this service: the original's own reading code, replayed by
 * {@link OriginalManagerReader}, reads every per-tool and per-URL figure of a real reply (the
 * service on a socket, load against a loopback app made here) with the original's field names and
 * types and its status words.
 */
class OriginalManagerReadsPerformanceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static AnalyzerServer server;
  private static TestHttpServer app;

  @BeforeAll
  static void start() throws Exception {
    app = TestHttpServer.start();
    PerformanceSettings settings = PerformanceSettings.defaults().withDefaults(Duration.ofSeconds(1), Duration.ZERO);
    server = AnalyzerServer.builder(new PerformanceAnalyzerService(settings, TargetPolicy.loopbackOnly()))
        .withSettings(ServiceSettings.defaults(0).withPort(0)).build().start();
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(2));
    app.close();
  }

  private static JsonNode reply(String request) throws Exception {
    List<JsonNode> frames = new ArrayList<>();
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(request);
      JsonNode terminal = null;
      while (terminal == null) {
        frames.add(JSON.readTree(ws.next(Duration.ofSeconds(120))));
        terminal = OriginalManagerReader.terminal(frames);
      }
      return terminal;
    }
  }

  @Test
  void theOriginalsNamesFiguresAndStatusesAreReadAsTheOriginalReadsThem() throws Exception {
    // Given the original's tool names, one answered by the built-in, one we do not provide, and a
    // scenario mix where half the answers are errors
    JsonNode reply = reply("{\"type\":\"performance_test\",\"id\":\"o-1\",\"model_slug\":\"m\",\"app_number\":1,"
        + "\"target_urls\":[\"" + app.url() + "\"],\"tools\":[\"aiohttp\",\"artillery\"],"
        + "\"config\":{\"load\":{\"duration\":1,\"connections\":2,\"scenarios\":[\"/o-ok\",\"/status/500\"]}}}");

    // When the original's code reads it
    OriginalManagerReader.Reading reading = OriginalManagerReader.read(reply, List.of("aiohttp", "artillery"));

    // Then it reads tool_runs, the figures and the statuses as it would the original's reply
    // one run, one finding: the built-in's run is in tool_runs once, under the name asked for
    assertThat(reading.findings()).extracting(f -> f.get("tool") + " " + f.get("rule_id"))
        .containsExactly("aiohttp high-failure-rate");
    assertThat(reading.statuses()).containsEntry("aiohttp", "success").containsEntry("artillery", "not_available");
    assertThat(reading.toolsSkipped()).containsExactly("artillery");
    assertThat(reading.toolsFailed()).isEmpty();
    assertThat(reading.toolsUsed()).contains("aiohttp").doesNotContain("artillery");
    assertThat(reading.issuesPerUrlTool()).containsKeys(app.url() + " aiohttp", app.url() + " artillery");

    JsonNode url = reply.path("analysis").path("results").path(app.url());
    JsonNode aiohttp = url.path("aiohttp");
    assertThat(aiohttp.path("status").asText()).isEqualTo("success");
    assertThat(aiohttp.path("tool").asText()).isEqualTo("aiohttp");
    assertThat(aiohttp.path("executed").isBoolean() && aiohttp.path("executed").asBoolean()).isTrue();
    assertThat(aiohttp.path("total_issues").isIntegralNumber()).isTrue();
    assertThat(aiohttp.path("url").asText()).isEqualTo(app.url());
    for (String count : List.of("requests", "successful_requests", "failed_requests", "completed_requests")) {
      assertThat(aiohttp.path(count).isIntegralNumber()).as(count).isTrue();
    }
    assertThat(aiohttp.path("failed_requests").asLong()).isPositive();
    assertThat(aiohttp.path("successful_requests").asLong() + aiohttp.path("failed_requests").asLong())
        .isEqualTo(aiohttp.path("requests").asLong());
    for (String number : List.of("success_rate", "avg_response_time", "min_response_time", "max_response_time",
        "median_response_time", "requests_per_second")) {
      assertThat(aiohttp.path(number).isNumber()).as(number).isTrue();
    }
    assertThat(aiohttp.path("min_response_time").asDouble()).isLessThanOrEqualTo(
        aiohttp.path("max_response_time").asDouble());
    assertThat(aiohttp.path("configuration").path("requests").isIntegralNumber()).isTrue();
    assertThat(aiohttp.path("configuration").path("concurrency").asInt()).isEqualTo(2);
    JsonNode raw = aiohttp.path("raw");
    assertThat(raw.path("duration").isNumber()).isTrue();
    assertThat(raw.path("requests_attempted").isIntegralNumber()).isTrue();
    assertThat(raw.path("errors").isArray()).isTrue();
    assertThat(raw.path("errors").get(0).asText()).contains("status");

    JsonNode artillery = url.path("artillery");
    assertThat(artillery.path("status").asText()).isEqualTo("not_available");
    assertThat(artillery.path("status_detail").asText()).isEqualTo("not_installed");
    assertThat(artillery.path("executed").asBoolean(true)).isFalse();
    assertThat(artillery.path("error").asText()).contains("artillery");

    JsonNode brief = reply.path("analysis").path("tool_results").path("aiohttp");
    assertThat(brief.path("status").asText()).isEqualTo("success");
    assertThat(brief.path("tool").asText()).isEqualTo("aiohttp");
    assertThat(brief.path("executed").asBoolean()).isTrue();
    assertThat(brief.path("total_issues").asInt(-1)).isZero();
    assertThat(reply.path("analysis").path("results").path("tool_runs").path("aiohttp").path("url").asText())
        .isEqualTo(app.url());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "locust"})
  void anExternalToolsRecordHasTheOriginalsFieldsAndTypes(String tool) throws Exception {
    assumeTrue(ProcessRunner.which(tool).isPresent(), tool + " is not installed (scripts/install-tools.sh installs it)");
    JsonNode reply = reply("{\"type\":\"performance_test\",\"id\":\"o-" + tool + "\",\"target_urls\":[\""
        + app.url() + "\"],\"tools\":[\"" + tool + "\"],\"config\":{\"load\":{\"duration\":2,\"connections\":2,"
        + "\"scenarios\":[\"/o-" + tool + "\"]}}}");

    OriginalManagerReader.Reading reading = OriginalManagerReader.read(reply, List.of(tool));

    assertThat(reading.statuses()).containsEntry(tool, "success");
    assertThat(reading.findings()).isEmpty();
    JsonNode r = reply.path("analysis").path("results").path("tool_runs").path(tool);
    assertThat(r.path("status").asText()).as(r.path("error").asText()).isEqualTo("success");
    assertThat(r.path("executed").asBoolean()).isTrue();
    assertThat(r.path("url").asText()).isEqualTo(app.url());
    assertThat(r.path("requests_per_second").isNumber()).isTrue();
    assertThat(r.path("avg_response_time").isNumber()).isTrue();
    if (tool.equals("ab")) {
      assertThat(r.path("completed_requests").isIntegralNumber()).isTrue();
      assertThat(r.path("failed_requests").isIntegralNumber()).isTrue();
      assertThat(r.path("configuration").path("concurrency").asInt()).isEqualTo(2);
      assertThat(r.path("configuration").path("requests").isIntegralNumber()).isTrue();
    } else {
      assertThat(r.path("requests").isIntegralNumber()).isTrue();
      assertThat(r.path("failures").isIntegralNumber()).isTrue();
      assertThat(r.path("min_response_time").isNumber()).isTrue();
      assertThat(r.path("max_response_time").isNumber()).isTrue();
      assertThat(r.path("configuration").path("users").asInt()).isEqualTo(2);
      assertThat(r.path("configuration").path("spawn_rate").isIntegralNumber()).isTrue();
      assertThat(r.path("configuration").path("run_time").asText()).endsWith("s");
    }
    JsonNode raw = r.path("raw");
    assertThat(raw.path("command").isArray()).isTrue();
    assertThat(raw.path("command").get(0).asText()).endsWith(tool);
    assertThat(raw.path("stdout").isTextual()).isTrue();
    assertThat(raw.path("stderr").isTextual()).isTrue();
    assertThat(raw.path("exit_code").asInt(-1)).isZero();
    assertThat(raw.path("duration").isNumber()).isTrue();
  }
}
