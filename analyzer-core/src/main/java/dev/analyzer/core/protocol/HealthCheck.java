package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"type":"health_check"}}: answered with {@link HealthResponse}; the connection stays open.
 *
 * @param id the request id; generated when a peer sends none
 * @param timestamp when the peer sent it, or {@code null}
 * @param extra unknown fields
 */
public record HealthCheck(String id, Instant timestamp, Map<String, Object> extra) implements Message {

  static final Set<String> FIELDS = Set.of("type", "id", "timestamp");

  public HealthCheck {
    id = Extras.requireText(id, "health_check id");
    extra = Extras.checked(extra, FIELDS, MessageType.HEALTH_CHECK);
  }

  /** A health check with a fresh id. */
  public static HealthCheck of(Instant timestamp) {
    return new HealthCheck(Extras.newId(), timestamp, Map.of());
  }

  @Override
  public MessageType type() {
    return MessageType.HEALTH_CHECK;
  }

  static HealthCheck read(FieldReader r) {
    String id = r.string("id");
    return new HealthCheck(id == null ? Extras.newId() : id, r.instant("timestamp"), r.rest());
  }

  void write(FieldWriter w) {
    w.string("id", id).instant("timestamp", timestamp).extra(extra);
  }
}
