package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"type":"ping"}}: answered with {@link Pong}; the connection stays open.
 *
 * @param id the request id; generated when a peer sends none
 * @param timestamp when the peer sent it, or {@code null}
 * @param extra unknown fields
 */
public record Ping(String id, Instant timestamp, Map<String, Object> extra) implements Message {

  static final Set<String> FIELDS = Set.of("type", "id", "timestamp");

  public Ping {
    id = Extras.requireText(id, "ping id");
    extra = Extras.checked(extra, FIELDS, MessageType.PING);
  }

  /** A ping with a fresh id. */
  public static Ping of(Instant timestamp) {
    return new Ping(Extras.newId(), timestamp, Map.of());
  }

  @Override
  public MessageType type() {
    return MessageType.PING;
  }

  static Ping read(FieldReader r) {
    String id = r.string("id");
    return new Ping(id == null ? Extras.newId() : id, r.instant("timestamp"), r.rest());
  }

  void write(FieldWriter w) {
    w.string("id", id).instant("timestamp", timestamp).extra(extra);
  }
}
