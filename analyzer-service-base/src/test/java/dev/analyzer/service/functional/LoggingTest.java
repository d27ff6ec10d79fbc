package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.service.testing.ScriptedServiceMain;
import dev.analyzer.service.testing.WsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A service process with ANALYZER_LOG_FORMAT=json logs JSON lines carrying the correlation id. */
class LoggingTest {

  @Test
  void jsonLinesWithTheCorrelationIdInMdc() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ScriptedServiceMain.class.getName(), "--port", "0"))
        .redirectErrorStream(true);
    pb.environment().put("ANALYZER_LOG_FORMAT", "json");
    Process p = pb.start();
    p.getOutputStream().close();
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CompletableFuture<String> ready = new java.util.concurrent.CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          lines.add(line);
          if (line.startsWith("READY ")) {
            ready.complete(line.substring(6).trim());
          }
        }
      } catch (java.io.IOException ignored) {
        // the process ended
      }
      ready.complete(null);
    });
    reader.start();
    try {
      String url = ready.get(20, TimeUnit.SECONDS);
      assertThat(url).as("READY line in %s", lines).isNotNull();
      try (WsClient ws = WsClient.connect(url)) {
        ws.send("{\"type\":\"static_analyze\",\"id\":\"log-me\"}");
        ws.nextOfType("static_analysis_result", Duration.ofSeconds(10));
      }
      p.destroy();
      assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
      reader.join(5000);
    } finally {
      p.destroyForcibly();
    }

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("{")) {
        events.add(json.readTree(line));
      }
    }
    assertThat(events).anySatisfy(e -> {
      assertThat(e.get("level").asText()).isEqualTo("INFO");
      assertThat(e.get("formattedMessage").asText()).contains("listening on ws://127.0.0.1:");
    });
    assertThat(events).anySatisfy(e -> {
      assertThat(e.get("formattedMessage").asText()).contains("analysis log-me started");
      assertThat(e.at("/mdc/correlation_id").asText()).isEqualTo("log-me");
    });
    assertThat(lines).filteredOn(l -> !l.startsWith("{") && !l.startsWith("READY")).isEmpty();
  }
}
