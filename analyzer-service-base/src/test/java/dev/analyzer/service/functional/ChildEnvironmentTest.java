package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.testing.ScriptedServiceMain;
import dev.analyzer.service.testing.WsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seen from outside: a service process whose environment holds secrets runs a tool that prints its environment. */
class ChildEnvironmentTest {

  private static final String TOKEN = "token-of-the-service-1234";
  private static final Map<String, String> SECRETS = Map.of("ANALYZER_AUTH_TOKEN", TOKEN,
      "AI_API_KEY", "sk-ai-key-5678", "OPENROUTER_API_KEY", "sk-or-key-9012", "AWS_SECRET_ACCESS_KEY", "aws-secret-3456",
      "PYTHONPATH", "/evil/python", "NODE_OPTIONS", "--require=/evil/hook.js");

  @TempDir
  Path root;

  @Test
  void aToolRunByAServiceSeesNoneOfTheServicesSecrets() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ScriptedServiceMain.class.getName(), "--port", "0"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE);
    pb.environment().putAll(SECRETS);
    pb.environment().put("ANALYZER_SOURCE_ROOTS", root.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("READY ")) {
          url = line.substring(6).trim();
          break;
        }
      }
      assertThat(url).as("the service printed READY").isNotNull();
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
      drain.setDaemon(true);
      drain.start();
      try (WsClient ws = WsClient.connect(url, Map.of("Authorization", "Bearer " + TOKEN))) {
        ws.send("{\"type\":\"static_analyze\",\"id\":\"env\",\"config\":{\"mode\":\"env\"}}");

        AnalysisResult r = (AnalysisResult) ProtocolCodec.create()
            .decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(10)));

        assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
        String printed = r.analysis().findings().get(0).evidence();
        assertThat(printed).contains("PATH=").contains("HOME=").contains("LANG=");
        for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
          assertThat(printed).doesNotContain(secret.getKey() + "=").doesNotContain(secret.getValue());
        }
      }
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
  }
}
