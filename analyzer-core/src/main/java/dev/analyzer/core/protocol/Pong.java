package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"type":"pong","correlation_id","service","timestamp"}}, the reply to {@link Ping}.
 *
 * @param correlationId the ping's id; {@code null} only when decoding an original-protocol peer
 * @param service the answering service's name
 * @param timestamp when it answered
 * @param extra unknown fields
 */
public record Pong(String correlationId, String service, Instant timestamp, Map<String, Object> extra)
    implements Message {

  static final Set<String> FIELDS = Set.of("type", "correlation_id", "service", "timestamp");

  public Pong {
    extra = Extras.checked(extra, FIELDS, MessageType.PONG);
  }

  /** The reply to {@code ping}. */
  public static Pong replyTo(Ping ping, String service, Instant now) {
    return new Pong(ping.id(), service, now, Map.of());
  }

  @Override
  public MessageType type() {
    return MessageType.PONG;
  }

  static Pong read(FieldReader r) {
    return new Pong(r.string("correlation_id"), r.string("service"), r.instant("timestamp"), r.rest());
  }

  void write(FieldWriter w) {
    w.string("correlation_id", correlationId).string("service", service)
        .instant("timestamp", timestamp).extra(extra);
  }
}
