package dev.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with the original stack: a Python client on the websockets library (Debian's
 * python3-websockets, run with /usr/bin/python3; scripts/install-tools.sh installs it) does ping,
 * health_check and a static analysis as the original manager did, with permessage-deflate on.
 */
class PythonInteropIT {

  private static final Path PYTHON = DebianPython.PYTHON;

  @TempDir
  Path tmp;


  @Test
  void theOriginalManagersClientGetsTheOriginalsReplyTypes() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON) && DebianPython.withWebsockets(),
        "/usr/bin/python3 with python3-websockets is needed: run scripts/install-tools.sh");
    Path source = Corpora.tiny(tmp);
    Path script = tmp.resolve("client.py");
    Files.copy(getClass().getResourceAsStream("/python/original_manager_client.py"), script);
    try (ServiceProcess svc = ServiceProcess.start(ServiceProcess.freePort(), Map.of("ANALYZER_SOURCE_ROOTS", tmp.toString()))) {
      Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), svc.url(), source.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();

      JsonNode r = new ObjectMapper().readTree(out.substring(out.lastIndexOf("\n{") + 1));
      assertThat(r.at("/ping/type").asText()).isEqualTo("pong");
      assertThat(r.at("/ping/service").asText()).isEqualTo("static-analyzer");
      assertThat(r.at("/ping/extensions").toString()).contains("permessage-deflate");
      assertThat(r.at("/health/type").asText()).isEqualTo("health_response");
      assertThat(r.at("/health/status").asText()).isEqualTo("healthy");
      assertThat(r.at("/analysis/type").asText()).isEqualTo("static_analysis_result");
      assertThat(r.at("/analysis/status").asText()).isEqualTo("success");
      assertThat(r.at("/analysis/correlation_id_matches").asBoolean()).isTrue();
      assertThat(r.at("/analysis/has_results").asBoolean()).isTrue();
      assertThat(r.at("/analysis/findings").asInt()).isPositive();
      assertThat(r.at("/analysis/frames").toString()).contains("progress_update");
      assertThat(r.at("/analysis/close_code").asInt()).isEqualTo(1000);
    }
  }
}
