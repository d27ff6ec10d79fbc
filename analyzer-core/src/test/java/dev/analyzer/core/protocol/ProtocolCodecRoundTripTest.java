package dev.analyzer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A JSON round trip for every message type. */
class ProtocolCodecRoundTripTest {

  private static final Instant T = Instant.parse("2026-11-27T12:00:00.250Z");
  private static final Map<String, Object> EXTRA = Map.of("x_newer_field", List.of(1, "two", Map.of("k", true)));

  private final ProtocolCodec codec = ProtocolCodec.create();

  static Stream<Message> everyMessageType() {
    Finding sql = Finding.builder("python-security", "py.sql-format")
        .withSeverity(Severity.HIGH).withConfidence(Confidence.MEDIUM).withTitle("SQL built by formatting")
        .withMessage("Query text is built with an f-string").withCwe("89")
        .withLocation(Location.inFile("backend/app.py", 12, 5)).withEvidence("cur.execute(f\"...{q}\")")
        .withRemediation("Use parameters").withExtra("bandit_id", "B608").build();
    Finding xss = Finding.builder("dynamic-probes", "reflected-xss").withSeverity(Severity.CRITICAL)
        .withTitle("Reflected XSS").withLocation(Location.atUrl("http://127.0.0.1:5000/search", "GET", "q"))
        .withEvidence("<script>alert(1)</script>").build();
    Analysis analysis = new Analysis("openai_gpt-4", 3, "2026-11-27T12:00:00Z", "success",
        List.of("python-security"), Map.of("python", Map.of("python-security",
            ToolResult.success("python-security", List.of(sql), 0.5).toMap())),
        Map.of("total_issues_found", 1), List.of(sql, xss), null, Map.of("_project_metadata", Map.of("total_files", 4)));
    Stream<Message> fixed = Stream.of(
        new Ping("p-1", T, EXTRA),
        new Pong("p-1", "static-analyzer", T, EXTRA),
        new HealthCheck("h-1", T, EXTRA),
        new ServerStatus("s-1", T, Map.of()),
        new ServerStatus("s-1", T, Map.of("service", "ai-analyzer", "status", "healthy",
            "available_tools", List.of("requirements-scanner"))),
        new HealthResponse("h-1", "healthy", "static-analyzer", "0.1.0", 12.5, List.of("secrets"), 2, T, EXTRA),
        new CancelRequest("a-1", "user pressed Ctrl-C", T, EXTRA),
        new StatusUpdate("started", "Starting", "a-1", "a-1", "static-analyzer", T, EXTRA),
        new ProgressUpdate("a-1", "static-analyzer", "tool_finished", "bandit: 3 issues", 50.0, 1, 2, T, EXTRA),
        new AnalysisResult(MessageType.STATIC_ANALYSIS_RESULT, "a-1", "static-analyzer", T, ResultStatus.SUCCESS,
            analysis, null, EXTRA),
        new AnalysisResult(MessageType.DYNAMIC_ANALYSIS_RESULT, "a-2", "dynamic-analyzer", T,
            ResultStatus.TARGETS_UNREACHABLE, null, "no target answered", Map.of()),
        new AnalysisResult(MessageType.PERFORMANCE_ANALYSIS_RESULT, "a-3", "performance-tester", T,
            ResultStatus.TIMEOUT, null, "deadline of 600 s passed", Map.of()),
        new AnalysisResult(MessageType.AI_ANALYSIS_RESULT, "a-4", "ai-analyzer", T, ResultStatus.CANCELLED, null,
            "cancelled", Map.of()),
        new ErrorMessage(ErrorCode.BUSY, "at the limit of 8 analyses", "a-5", "static-analyzer", T, EXTRA));
    Stream<Message> requests = Stream.of(MessageType.values()).filter(MessageType::isTerminalRequest)
        .map(t -> AnalysisRequest.builder(t).withId("req-" + t.wire())
            .withAnalysisType(t == MessageType.ANALYSIS_REQUEST ? "security" : null)
            .withModelSlug("m").withAppNumber(1).withTools(List.of("bandit"))
            .withConfig(Map.of("bandit", Map.of("enabled", false))).withTargetUrls(List.of("http://127.0.0.1:5000"))
            .withSourcePath("/tmp/app1").withTimeoutSeconds(30).withTimestamp(T).withExtra("users", 5).build());
    return Stream.concat(fixed, requests);
  }

  @ParameterizedTest
  @MethodSource("everyMessageType")
  void roundTripsUnchanged(Message message) {
    String json = codec.encode(message);

    Message decoded = codec.decode(json);

    assertThat(decoded).isEqualTo(message);
    assertThat(codec.encode(decoded)).isEqualTo(json);
    assertThat(json).startsWith("{\"type\":\"" + message.type().wire() + "\"");
  }

  @ParameterizedTest
  @MethodSource("everyMessageType")
  void byteAndStreamPathsMatchTheStringPath(Message message) throws Exception {
    String json = codec.encode(message);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write("prefix".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    codec.encode(message, out);
    byte[] framed = out.toByteArray();

    assertThat(new String(framed, 6, framed.length - 6, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(json);
    assertThat(codec.decode(framed, 6, framed.length - 6)).isEqualTo(message);
    assertThat(codec.decode(codec.encodeToBytes(message))).isEqualTo(message);
    assertThat(codec.decode(new java.io.ByteArrayInputStream(framed, 6, framed.length - 6))).isEqualTo(message);
  }

  @Test
  void encodingIntoAStreamLeavesItOpen() {
    boolean[] closed = {false};
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream() {
      @Override
      public void close() {
        closed[0] = true;
      }
    };

    codec.encode(new Ping("p", null, Map.of()), out);

    assertThat(closed[0]).isFalse();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"ping\",\"id\":\"p\"}");
  }

  @Test
  void everyTypeIsCoveredByTheRoundTrip() {
    Set<MessageType> covered = EnumSet.noneOf(MessageType.class);
    everyMessageType().forEach(m -> covered.add(m.type()));

    assertThat(covered).containsExactlyInAnyOrder(MessageType.values());
  }

  @Test
  void writesSnakeCaseAndUtcTimestamps() {
    String json = codec.encode(new ProgressUpdate("a-1", "svc", "s", "m", 10.0, 1, 10, T, Map.of()));

    assertThat(json).contains("\"correlation_id\":\"a-1\"").contains("\"timestamp\":\"2026-11-27T12:00:00.250Z\"");
  }

  @Test
  void generatesAnIdForRequestsThatCarryNone() {
    AnalysisRequest r = (AnalysisRequest) codec.decode("{\"type\":\"static_analyze\",\"model_slug\":\"m\"}");

    assertThat(r.id()).isNotBlank();
    assertThat(((Ping) codec.decode("{\"type\":\"ping\"}")).id()).isNotBlank();
  }

  @Test
  void routesAnalysisRequestByItsAnalysisType() {
    AnalysisRequest r = (AnalysisRequest) codec.decode(
        "{\"type\":\"analysis_request\",\"analysis_type\":\"security\",\"id\":\"x\"}");

    assertThat(r.kind()).isEqualTo(AnalysisKind.STATIC);
    assertThat(r.type().isTerminalRequest()).isTrue();
  }

  @Test
  void keepsUnknownFieldsInArrivalOrder() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("zeta", 1);
    extra.put("alpha", 2);
    String json = codec.encode(new Ping("p", null, extra));

    assertThat(json).isEqualTo("{\"type\":\"ping\",\"id\":\"p\",\"zeta\":1,\"alpha\":2}");
  }

  @Test
  void keepsHugeAndPreciseNumbersExactly() {
    String json = "{\"type\":\"ping\",\"id\":\"p\",\"big\":123456789012345678901234567890,\"f\":1e400,\"d\":0.1}";

    assertThat(codec.encode(codec.decode(json))).contains("123456789012345678901234567890").contains("0.1");
  }
}
