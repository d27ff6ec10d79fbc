package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** ANALYZER_AUTH_TOKEN_FILE: the token from a file works for auth and appears in no log, result or child. */
class FileTokenTest {

  private static final String TOKEN = "file-token-5e1f0c2a9b";
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Level rootLevel;
  @TempDir
  Path dir;

  @BeforeEach
  void captureLogs() {
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void stopCapture() {
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  @Test
  void aTokenFromAFileGuardsTheHandshakeAndIsNeverLoggedEchoedOrPassedOn() throws Exception {
    // given
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    ServiceSettings settings = ServiceSettings.fromEnvironment(Environment.of(Map.of(
        ServiceSettings.AUTH_TOKEN_FILE, tokenFile.toString(), "ANALYZER_SOURCE_ROOTS", dir.toString())), 0)
        .withPort(0);
    assertThat(settings.authToken()).isEqualTo(TOKEN);
    AnalyzerServer server = Servers.start(new ScriptedService(), settings);
    String evidence;
    try {
      // when: a refused handshake, an accepted one running a tool that prints its environment
      assertThatThrownBy(() -> WsClient.connect(server.webSocketUrl())).isNotNull();
      assertThatThrownBy(() -> WsClient.connect(server.webSocketUrl(),
          Map.of("Authorization", "Bearer " + TOKEN + "x"))).isNotNull();
      try (WsClient ws = WsClient.connect(server.webSocketUrl(), Map.of("Authorization", "Bearer " + TOKEN))) {
        ws.send("{\"type\":\"static_analyze\",\"id\":\"env\",\"config\":{\"mode\":\"env\"}}");
        String reply = ws.nextOfType("static_analysis_result", Duration.ofSeconds(10));
        AnalysisResult r = (AnalysisResult) ProtocolCodec.create().decode(reply);
        assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
        evidence = r.analysis().findings().get(0).evidence();
        assertThat(reply).doesNotContain(TOKEN);
      }
      assertThat(Servers.get(server, "/health").body()).doesNotContain(TOKEN);
    } finally {
      server.close();
    }

    // then
    assertThat(evidence).contains("PATH=").doesNotContain(TOKEN).doesNotContain("ANALYZER_AUTH_TOKEN");
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent e : logs.list) {
      String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
          : ThrowableProxyUtil.asString(e.getThrowableProxy())) + e.getMDCPropertyMap();
      assertThat(line).as("log line %s", e.getFormattedMessage()).doesNotContain(TOKEN);
    }
  }

  @Test
  void settingBothOrAnUnreadableFileStopsStartNamingTheVariable() {
    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Environment.of(Map.of(ServiceSettings.AUTH_TOKEN,
        TOKEN, ServiceSettings.AUTH_TOKEN_FILE, dir.resolve("t").toString())), 0))
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_AUTH_TOKEN_FILE").hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Environment.of(Map.of(ServiceSettings.AUTH_TOKEN_FILE,
        dir.resolve("absent").toString())), 0))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("ANALYZER_AUTH_TOKEN_FILE names a file that "
            + "cannot be read");
  }
}
