package dev.analyzer.client;

import dev.analyzer.core.json.WireNames;
import dev.analyzer.core.json.WireValue;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Why the client itself ended a request. A failure is never thrown: it becomes the request's reply,
 * an {@code error} message shaped as the original's integration example,
 * {@code {"type":"error","status":"<failure>","error":"<why>"}}, plus a {@code code} and the
 * request id as {@code correlation_id}.
 */
public enum ClientFailure implements WireValue {
  /** Every replica's breaker is open; no network I/O was done. */
  CIRCUIT_OPEN("circuit_open", ErrorCode.BUSY),
  /** The deadline passed; a cancel_request was sent to the service. */
  TIMEOUT("timeout", ErrorCode.TIMEOUT),
  /** The caller cancelled; a cancel_request was sent to the service. */
  CANCELLED("cancelled", ErrorCode.CANCELLED),
  /** No connection permit became free within ANALYZER_CONNECTION_TIMEOUT. */
  POOL_EXHAUSTED("pool_exhausted", ErrorCode.BUSY),
  /** No replica could be connected to (refused, handshake failed, closed before replying). */
  UNREACHABLE("unreachable", ErrorCode.INTERNAL),
  /** The connection broke after the analysis started, or the client is closed. */
  ERROR("error", ErrorCode.INTERNAL);

  private static final WireNames<ClientFailure> NAMES = WireNames.of(ClientFailure.class);

  private final String wire;
  private final ErrorCode code;

  ClientFailure(String wire, ErrorCode code) {
    this.wire = wire;
    this.code = code;
  }

  @Override
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }

  /** The reply for this failure. */
  public ErrorMessage reply(String why, String correlationId, String service, Instant now) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("status", wire);
    extra.put("error", why);
    return new ErrorMessage(code, why, correlationId, service, now, extra);
  }

  /** The client failure a reply carries, if it is one. */
  public static Optional<ClientFailure> of(Message reply) {
    if (!(reply instanceof ErrorMessage)) {
      return Optional.empty();
    }
    return NAMES.find(reply.extra().get("status"));
  }
}
