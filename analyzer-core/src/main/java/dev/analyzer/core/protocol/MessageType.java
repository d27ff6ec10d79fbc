package dev.analyzer.core.protocol;

import dev.analyzer.core.json.WireNames;
import dev.analyzer.core.json.WireValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every {@code type} string of the protocol. Aliases of the original ({@code performance_analysis},
 * {@code ai_analysis}) are constants of their own, so a frame re-encodes with the spelling it
 * arrived with; {@link #analysisKind()} maps both spellings to the same analysis.
 */
public enum MessageType implements WireValue {
  PING("ping"),
  PONG("pong"),
  HEALTH_CHECK("health_check"),
  HEALTH_RESPONSE("health_response"),
  STATIC_ANALYZE("static_analyze"),
  DYNAMIC_ANALYZE("dynamic_analyze"),
  PERFORMANCE_TEST("performance_test"),
  PERFORMANCE_ANALYSIS("performance_analysis"),
  AI_ANALYZE("ai_analyze"),
  AI_ANALYSIS("ai_analysis"),
  ANALYSIS_REQUEST("analysis_request"),
  CANCEL_REQUEST("cancel_request"),
  STATUS_UPDATE("status_update"),
  PROGRESS_UPDATE("progress_update"),
  SERVER_STATUS("server_status"),
  STATIC_ANALYSIS_RESULT("static_analysis_result"),
  DYNAMIC_ANALYSIS_RESULT("dynamic_analysis_result"),
  PERFORMANCE_ANALYSIS_RESULT("performance_analysis_result"),
  AI_ANALYSIS_RESULT("ai_analysis_result"),
  ERROR("error");

  private static final WireNames<MessageType> NAMES = WireNames.of(MessageType.class);
  private final String wire;

  MessageType(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }

  /** The type for a wire string (case-insensitive, surrounding blanks ignored), if it is one. */
  public static Optional<MessageType> fromWire(String wire) {
    return NAMES.find(wire);
  }

  /** True for the requests after whose reply a service closes the connection (1000). */
  public boolean isTerminalRequest() {
    switch (this) {
      case STATIC_ANALYZE:
      case DYNAMIC_ANALYZE:
      case PERFORMANCE_TEST:
      case PERFORMANCE_ANALYSIS:
      case AI_ANALYZE:
      case AI_ANALYSIS:
      case ANALYSIS_REQUEST:
        return true;
      default:
        return false;
    }
  }

  /** True for the four analysis replies. */
  public boolean isAnalysisResult() {
    return this == STATIC_ANALYSIS_RESULT || this == DYNAMIC_ANALYSIS_RESULT
        || this == PERFORMANCE_ANALYSIS_RESULT || this == AI_ANALYSIS_RESULT;
  }

  /**
   * The analysis this type requests or answers; empty for non-analysis types and for
   * {@link #ANALYSIS_REQUEST}, whose kind comes from its {@code analysis_type} field.
   */
  public Optional<AnalysisKind> analysisKind() {
    // Resolved at call time: AnalysisKind's constants refer to MessageType's, so a static table
    // here would see nulls whenever AnalysisKind happened to be initialized first.
    switch (this) {
      case STATIC_ANALYZE:
      case STATIC_ANALYSIS_RESULT:
        return Optional.of(AnalysisKind.STATIC);
      case DYNAMIC_ANALYZE:
      case DYNAMIC_ANALYSIS_RESULT:
        return Optional.of(AnalysisKind.DYNAMIC);
      case PERFORMANCE_TEST:
      case PERFORMANCE_ANALYSIS:
      case PERFORMANCE_ANALYSIS_RESULT:
        return Optional.of(AnalysisKind.PERFORMANCE);
      case AI_ANALYZE:
      case AI_ANALYSIS:
      case AI_ANALYSIS_RESULT:
        return Optional.of(AnalysisKind.AI);
      default:
        return Optional.empty();
    }
  }

  /** All wire strings, for error messages. */
  static String allWireStrings() {
    return Arrays.stream(values()).map(MessageType::wire).collect(Collectors.joining(", "));
  }
}
