package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ServerStatus;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's {@code server_status}: answered by a service that serves it, refused by others; never closes. */
class ServerStatusTest {

  private final ProtocolCodec codec = ProtocolCodec.create();
  @TempDir
  Path root;

  @Test
  void aServiceThatServesItAnswersWithItsBodyAndKeepsTheConnection() throws Exception {
    try (AnalyzerServer server = Servers.start(new StatusService(), Servers.settings(root));
        WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"server_status\",\"id\":\"s1\"}");

      ServerStatus reply = (ServerStatus) codec.decode(ws.next());
      assertThat(reply.id()).isEqualTo("s1");
      assertThat(reply.timestamp()).isNotNull();
      assertThat(reply.extra()).containsEntry("service", "status-analyzer").containsEntry("status", "healthy")
          .containsEntry("requirements_system", "template-based");
      assertThat(reply.extra().get("available_tools")).isEqualTo(List.of("requirements-scanner"));

      ws.send("{\"type\":\"ping\",\"id\":\"after\"}");
      assertThat(((Pong) codec.decode(ws.next())).correlationId()).isEqualTo("after");
      assertThat(ws.isClosed()).isFalse();
    }
  }

  @Test
  void aServiceThatDoesNotServeItAnswersUnknownTypeAndKeepsTheConnection() throws Exception {
    try (AnalyzerServer server = Servers.start(new ScriptedService(), Servers.settings(root));
        WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"server_status\",\"id\":\"s2\"}");

      ErrorMessage e = (ErrorMessage) codec.decode(ws.next());
      assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
      assertThat(e.correlationId()).isEqualTo("s2");
      assertThat(e.message()).contains("does not serve server_status");

      ws.send("{\"type\":\"ping\",\"id\":\"after\"}");
      assertThat(((Pong) codec.decode(ws.next())).correlationId()).isEqualTo("after");
    }
  }

  /** A service with a server_status body. */
  private static final class StatusService implements AnalyzerService {

    @Override
    public String name() {
      return "status-analyzer";
    }

    @Override
    public String version() {
      return "1.0.0";
    }

    @Override
    public AnalysisKind kind() {
      return AnalysisKind.AI;
    }

    @Override
    public Optional<Map<String, Object>> serverStatusReply() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("service", name());
      m.put("status", "healthy");
      m.put("available_tools", List.of("requirements-scanner"));
      m.put("requirements_system", "template-based");
      return Optional.of(m);
    }

    @Override
    public AnalysisOutcome analyze(AnalysisContext context) {
      throw new UnsupportedOperationException("not used");
    }
  }
}
