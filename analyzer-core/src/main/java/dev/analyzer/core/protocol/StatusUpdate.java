package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The original static analyzer's single in-band {@code status_update} ("started"). Kept for
 * wire compatibility; new services stream {@link ProgressUpdate} instead.
 *
 * @param stage the stage, such as {@code started}
 * @param message a human-readable line
 * @param analysisId the original's {@code analysis_id}, or {@code null}
 * @param correlationId the request id, or {@code null} from an original peer
 * @param service the sending service, or {@code null}
 * @param timestamp when it was sent, or {@code null}
 * @param extra unknown fields
 */
public record StatusUpdate(String stage, String message, String analysisId, String correlationId,
    String service, Instant timestamp, Map<String, Object> extra) implements Message {

  static final Set<String> FIELDS = Set.of("type", "stage", "message", "analysis_id", "correlation_id",
      "service", "timestamp");

  public StatusUpdate {
    extra = Extras.checked(extra, FIELDS, MessageType.STATUS_UPDATE);
  }

  @Override
  public MessageType type() {
    return MessageType.STATUS_UPDATE;
  }

  static StatusUpdate read(FieldReader r) {
    return new StatusUpdate(r.string("stage"), r.string("message"), r.string("analysis_id"),
        r.string("correlation_id"), r.string("service"), r.instant("timestamp"), r.rest());
  }

  void write(FieldWriter w) {
    w.string("stage", stage).string("message", message).string("analysis_id", analysisId)
        .string("correlation_id", correlationId).string("service", service)
        .instant("timestamp", timestamp).extra(extra);
  }
}
