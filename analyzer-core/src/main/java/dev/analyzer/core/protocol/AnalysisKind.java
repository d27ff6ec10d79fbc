package dev.analyzer.core.protocol;

import dev.analyzer.core.json.WireNames;
import dev.analyzer.core.json.WireValue;
import java.util.Locale;
import java.util.Optional;

/** The four analyses, with the request type, reply type and default service of each. */
public enum AnalysisKind implements WireValue {
  STATIC("static", MessageType.STATIC_ANALYZE, MessageType.STATIC_ANALYSIS_RESULT, "static-analyzer", 2001),
  DYNAMIC("dynamic", MessageType.DYNAMIC_ANALYZE, MessageType.DYNAMIC_ANALYSIS_RESULT, "dynamic-analyzer", 2002),
  PERFORMANCE("performance", MessageType.PERFORMANCE_TEST, MessageType.PERFORMANCE_ANALYSIS_RESULT,
      "performance-tester", 2003),
  AI("ai", MessageType.AI_ANALYZE, MessageType.AI_ANALYSIS_RESULT, "ai-analyzer", 2004);

  private static final WireNames<AnalysisKind> NAMES = WireNames.of(AnalysisKind.class);
  private final String wire;
  private final MessageType requestType;
  private final MessageType resultType;
  private final String defaultServiceName;
  private final int defaultPort;

  AnalysisKind(String wire, MessageType requestType, MessageType resultType, String serviceName, int port) {
    this.wire = wire;
    this.requestType = requestType;
    this.resultType = resultType;
    this.defaultServiceName = serviceName;
    this.defaultPort = port;
  }

  @Override
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }

  /** The canonical request type ({@code static_analyze}, {@code performance_test}, ...). */
  public MessageType requestType() {
    return requestType;
  }

  /** The reply type ({@code static_analysis_result}, ...). */
  public MessageType resultType() {
    return resultType;
  }

  /** The {@code service} name the original used ({@code static-analyzer}, ...). */
  public String defaultServiceName() {
    return defaultServiceName;
  }

  /** The original's default port: 2001 static, 2002 dynamic, 2003 performance, 2004 ai. */
  public int defaultPort() {
    return defaultPort;
  }

  /** The kind whose wire name is {@code wire} ({@code static}, {@code dynamic}, ...), if any. */
  public static Optional<AnalysisKind> fromWire(String wire) {
    return NAMES.find(wire);
  }

  /**
   * The kind named by an {@code analysis_request}'s {@code analysis_type}, routed by prefix as the
   * original gateway did: {@code static*} and {@code security*} are static, {@code dynamic*},
   * {@code zap*} and {@code security-dynamic} (any {@code security*} naming {@code dynamic}) dynamic, {@code performance*}/{@code perf*}/{@code load*} performance, {@code ai*}
   * and {@code requirements*} ai.
   */
  public static Optional<AnalysisKind> fromAnalysisType(String analysisType) {
    if (analysisType == null) {
      return Optional.empty();
    }
    String t = analysisType.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("dynamic") || t.startsWith("zap") || (t.startsWith("security") && t.contains("dynamic"))) {
      return Optional.of(DYNAMIC);
    }
    if (t.startsWith("static") || t.startsWith("security")) {
      return Optional.of(STATIC);
    }
    if (t.startsWith("perf") || t.startsWith("load")) {
      return Optional.of(PERFORMANCE);
    }
    if (t.startsWith("ai") || t.startsWith("requirements")) {
      return Optional.of(AI);
    }
    return Optional.empty();
  }
}
