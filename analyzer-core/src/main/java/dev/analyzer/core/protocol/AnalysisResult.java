package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The terminal reply to an analysis: {@code static_analysis_result},
 * {@code dynamic_analysis_result}, {@code performance_analysis_result} or
 * {@code ai_analysis_result}.
 *
 * <p>The envelope {@code status} never says {@code success} when the analysis failed: the
 * constructor rejects {@link ResultStatus#SUCCESS} together with an {@code error} or an inner
 * {@code analysis.status} of {@code error}. Decoding an original frame with that contradiction
 * (its missing-app-path reply) reads the envelope as {@link ResultStatus#ERROR}.
 *
 * @param type one of the four result types
 * @param correlationId the request id; {@code null} only from an original-protocol peer
 * @param service the answering service
 * @param timestamp when it answered
 * @param status the envelope status
 * @param analysis the analysis, or {@code null} when it never started
 * @param error why it failed, or {@code null}
 * @param extra unknown fields
 */
public record AnalysisResult(
    MessageType type,
    String correlationId,
    String service,
    Instant timestamp,
    ResultStatus status,
    Analysis analysis,
    String error,
    Map<String, Object> extra) implements Message {

  static final Set<String> FIELDS = Set.of("type", "correlation_id", "service", "timestamp", "status",
      "analysis", "error");

  public AnalysisResult {
    if (type == null || !type.isAnalysisResult()) {
      throw new IllegalArgumentException("not an analysis result type: " + type);
    }
    if (status == null) {
      throw new IllegalArgumentException(type.wire() + " needs a status");
    }
    if (status == ResultStatus.SUCCESS && (error != null || (analysis != null && analysis.reportsFailure()))) {
      throw new IllegalArgumentException(type.wire()
          + ": status success contradicts the error it carries; use error or partial");
    }
    extra = Extras.checked(extra, FIELDS, type);
  }

  /** A reply for {@code request} with the given status and analysis. */
  public static AnalysisResult of(AnalysisRequest request, String service, Instant now, ResultStatus status,
      Analysis analysis, String error) {
    return new AnalysisResult(request.kind().resultType(), request.id(), service, now, status, analysis,
        error, Map.of());
  }

  /** A reply without analysis, for a request that failed, was cancelled or timed out. */
  public static AnalysisResult failed(AnalysisRequest request, String service, Instant now,
      ResultStatus status, String error) {
    if (!status.isFailure()) {
      throw new IllegalArgumentException("failed() needs a failure status, got " + status);
    }
    return of(request, service, now, status, null, error);
  }

  static AnalysisResult read(MessageType type, FieldReader r) {
    String correlationId = r.string("correlation_id");
    r.correlationId(correlationId);
    String rawStatus = r.string("status");
    ResultStatus status = rawStatus == null ? null : ResultStatus.fromWire(rawStatus).orElseThrow(() ->
        r.invalid("status", "one of success, partial, error, cancelled, timeout, targets_unreachable",
            com.fasterxml.jackson.databind.node.TextNode.valueOf(rawStatus)));
    Analysis analysis = r.nested("analysis", Analysis::read);
    String error = r.string("error");
    if (status == null) {
      status = error != null || (analysis != null && analysis.reportsFailure())
          ? ResultStatus.ERROR : ResultStatus.SUCCESS;
    }
    if (status == ResultStatus.SUCCESS && (error != null || (analysis != null && analysis.reportsFailure()))) {
      status = ResultStatus.ERROR;
    }
    return new AnalysisResult(type, correlationId, r.string("service"), r.instant("timestamp"), status,
        analysis, error, r.rest());
  }

  void write(FieldWriter w) {
    w.string("correlation_id", correlationId).string("service", service).instant("timestamp", timestamp)
        .wire("status", status).nested("analysis", analysis, Analysis::write).string("error", error)
        .extra(extra);
  }
}
