package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An {@code error} frame. Our services always send a {@code code}; frames from the original carry
 * none (then {@link #code()} is {@code null}) and some spell the text {@code error} instead of
 * {@code message}: it is read as the message and also kept in {@link #extra()}.
 *
 * @param code what went wrong, or {@code null} from an original peer
 * @param message a message a person can act on; never a stack trace
 * @param correlationId the request id when known
 * @param service the sending service, or {@code null}
 * @param timestamp when it was sent, or {@code null}
 * @param extra unknown fields
 */
public record ErrorMessage(ErrorCode code, String message, String correlationId, String service,
    Instant timestamp, Map<String, Object> extra) implements Message {

  static final Set<String> FIELDS = Set.of("type", "code", "message", "correlation_id", "service",
      "timestamp");

  public ErrorMessage {
    message = message == null ? "" : message;
    extra = Extras.checked(extra, FIELDS, MessageType.ERROR);
  }

  /** An error reply. */
  public static ErrorMessage of(ErrorCode code, String message, String correlationId, String service,
      Instant timestamp) {
    return new ErrorMessage(code, message, correlationId, service, timestamp, Map.of());
  }

  /** The error reply for a frame that failed to decode. */
  public static ErrorMessage from(ProtocolException e, String service, Instant timestamp) {
    return of(e.code(), e.getMessage(), e.correlationId(), service, timestamp);
  }

  @Override
  public MessageType type() {
    return MessageType.ERROR;
  }

  static ErrorMessage read(FieldReader r) {
    String rawCode = r.string("code");
    ErrorCode code = null;
    if (rawCode != null) {
      code = ErrorCode.fromWire(rawCode).orElseThrow(() -> new ProtocolException(
          ErrorCode.INVALID_REQUEST, "error: field 'code' must be one of invalid_json, unknown_type, "
              + "invalid_request, busy, unauthorized, not_found, cancelled, timeout, internal, got \""
              + rawCode + "\"", "code", null));
    }
    String message = r.string("message");
    if (message == null && r.has("error")) {
      Object legacy = r.rest().get("error");
      message = legacy instanceof String ? (String) legacy : String.valueOf(legacy);
    }
    return new ErrorMessage(code, message, r.string("correlation_id"), r.string("service"),
        r.instant("timestamp"), r.rest());
  }

  void write(FieldWriter w) {
    w.wire("code", code).string("message", message).string("correlation_id", correlationId)
        .string("service", service).instant("timestamp", timestamp).extra(extra);
  }
}
