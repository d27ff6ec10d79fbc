package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A progress frame streamed in-band on the analysis connection before its terminal reply. The
 * original sent these to a gateway only (and lost them); the fields it used ({@code stage},
 * {@code message}, {@code service}, {@code data}) are kept, {@code data} as an extra.
 *
 * @param correlationId the analysis id
 * @param service the sending service
 * @param stage a short machine-readable stage, such as {@code tool_started}
 * @param message a human-readable line
 * @param percent 0..100, or {@code null} when unknown
 * @param completed items done (files, tools, requests), or {@code null}
 * @param total items in all, or {@code null}
 * @param timestamp when it was sent
 * @param extra unknown fields, such as the original's {@code data}
 */
public record ProgressUpdate(
    String correlationId,
    String service,
    String stage,
    String message,
    Double percent,
    Integer completed,
    Integer total,
    Instant timestamp,
    Map<String, Object> extra) implements Message {

  static final Set<String> FIELDS = Set.of("type", "correlation_id", "service", "stage", "message",
      "percent", "completed", "total", "timestamp");

  public ProgressUpdate {
    if (percent != null && (percent < 0 || percent > 100 || percent.isNaN())) {
      throw new IllegalArgumentException("progress percent must be 0..100, got " + percent);
    }
    if (completed != null && completed < 0) {
      throw new IllegalArgumentException("progress completed must be >= 0, got " + completed);
    }
    if (total != null && total < 0) {
      throw new IllegalArgumentException("progress total must be >= 0, got " + total);
    }
    extra = Extras.checked(extra, FIELDS, MessageType.PROGRESS_UPDATE);
  }

  /** A progress frame without counts. */
  public static ProgressUpdate of(String correlationId, String service, String stage, String message,
      Double percent, Instant timestamp) {
    return new ProgressUpdate(correlationId, service, stage, message, percent, null, null, timestamp, Map.of());
  }

  @Override
  public MessageType type() {
    return MessageType.PROGRESS_UPDATE;
  }

  static ProgressUpdate read(FieldReader r) {
    Double percent = r.number("percent");
    if (percent != null && (percent < 0 || percent > 100)) {
      throw new ProtocolException(ErrorCode.INVALID_REQUEST,
          "progress_update: field 'percent' must be a number 0..100, got " + percent, "percent", null);
    }
    Integer completed = r.integer("completed");
    Integer total = r.integer("total");
    if ((completed != null && completed < 0) || (total != null && total < 0)) {
      throw new ProtocolException(ErrorCode.INVALID_REQUEST,
          "progress_update: fields 'completed' and 'total' must be >= 0", "completed", null);
    }
    return new ProgressUpdate(r.string("correlation_id"), r.string("service"), r.string("stage"),
        r.string("message"), percent, completed, total, r.instant("timestamp"), r.rest());
  }

  void write(FieldWriter w) {
    w.string("correlation_id", correlationId).string("service", service).string("stage", stage)
        .string("message", message).value("percent", percent).value("completed", completed)
        .value("total", total).instant("timestamp", timestamp).extra(extra);
  }
}
