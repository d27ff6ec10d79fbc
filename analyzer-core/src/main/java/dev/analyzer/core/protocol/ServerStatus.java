package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"type":"server_status"}}, the original ai-analyzer's status request and, with a body, its
 * reply ({@code service}, {@code version}, {@code status}, {@code available_tools}, and whatever the
 * service adds, such as {@code requirements_system}); the connection stays open. The body is kept in
 * {@link #extra()} as the service wrote it. Immutable.
 *
 * @param id the request id (generated when a peer sends none); a reply carries the request's
 * @param timestamp when it was sent, or {@code null}
 * @param extra the body fields (a request has none)
 */
public record ServerStatus(String id, Instant timestamp, Map<String, Object> extra) implements Message {

  static final Set<String> FIELDS = Set.of("type", "id", "timestamp");

  public ServerStatus {
    id = Extras.requireText(id, "server_status id");
    extra = Extras.checked(extra, FIELDS, MessageType.SERVER_STATUS);
  }

  /** A request with a fresh id. */
  public static ServerStatus request(Instant timestamp) {
    return new ServerStatus(Extras.newId(), timestamp, Map.of());
  }

  /** The reply to {@code request} with {@code body} (its keys must not be type, id or timestamp). */
  public static ServerStatus replyTo(ServerStatus request, Instant now, Map<String, ?> body) {
    return new ServerStatus(request.id(), now, body == null ? Map.of() : new LinkedHashMap<>(body));
  }

  @Override
  public MessageType type() {
    return MessageType.SERVER_STATUS;
  }

  static ServerStatus read(FieldReader r) {
    String id = r.string("id");
    return new ServerStatus(id == null ? Extras.newId() : id, r.instant("timestamp"), r.rest());
  }

  void write(FieldWriter w) {
    w.string("id", id).instant("timestamp", timestamp).extra(extra);
  }
}
