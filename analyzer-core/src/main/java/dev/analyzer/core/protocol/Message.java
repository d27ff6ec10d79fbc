package dev.analyzer.core.protocol;

import java.util.Map;

/**
 * One frame of the protocol: an immutable record per message type. Fields the record does not
 * know are kept in {@link #extra()} and written back on encoding, so a newer peer's additions
 * pass through unchanged.
 *
 * <p>Encode and decode with {@link ProtocolCodec}.
 */
public sealed interface Message
    permits Ping, Pong, HealthCheck, HealthResponse, AnalysisRequest, CancelRequest, StatusUpdate,
        ProgressUpdate, AnalysisResult, ErrorMessage, ServerStatus {

  /** The wire {@code type}. */
  MessageType type();

  /** Unknown fields, in arrival order, as immutable JSON values; never {@code null}. */
  Map<String, Object> extra();
}
