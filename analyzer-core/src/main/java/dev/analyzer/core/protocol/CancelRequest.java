package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"type":"cancel_request","id":"<analysis id>"}}: stops the analysis with that id on this
 * service (its processes are killed) and makes its terminal reply say {@code cancelled}. An unknown
 * id is answered with an {@code error} of code {@code not_found}.
 *
 * @param id the id of the analysis to cancel
 * @param reason why the caller cancels, for the logs, or {@code null}
 * @param timestamp when the caller sent it, or {@code null}
 * @param extra unknown fields
 */
public record CancelRequest(String id, String reason, Instant timestamp, Map<String, Object> extra)
    implements Message {

  static final Set<String> FIELDS = Set.of("type", "id", "reason", "timestamp");

  public CancelRequest {
    id = Extras.requireText(id, "cancel_request id");
    extra = Extras.checked(extra, FIELDS, MessageType.CANCEL_REQUEST);
  }

  /** Cancels the analysis {@code analysisId}. */
  public static CancelRequest of(String analysisId, String reason, Instant timestamp) {
    return new CancelRequest(analysisId, reason, timestamp, Map.of());
  }

  @Override
  public MessageType type() {
    return MessageType.CANCEL_REQUEST;
  }

  static CancelRequest read(FieldReader r) {
    String id = r.string("id");
    if (id == null || id.isBlank()) {
      throw r.missing("id", "the id of the analysis to cancel");
    }
    return new CancelRequest(id, r.string("reason"), r.instant("timestamp"), r.rest());
  }

  void write(FieldWriter w) {
    w.string("id", id).string("reason", reason).instant("timestamp", timestamp).extra(extra);
  }
}
