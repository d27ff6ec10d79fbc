package dev.analyzer.service.metrics;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ResultStatus;
import java.time.Duration;

/**
 * What the server records, behind a small interface so server code never imports a metrics
 * library ({@link PrometheusServiceMetrics} is the adapter). Implementations must be thread-safe
 * and must not block: they are called on Netty event loops.
 */
public interface ServiceMetrics {

  /** A WebSocket handshake completed. */
  void connectionOpened();

  /** A WebSocket connection closed. */
  void connectionClosed();

  /** A text or binary frame arrived. */
  void frameReceived();

  /** A frame was written. */
  void frameSent();

  /** An analysis of {@code type} (its wire request type) started. */
  void analysisStarted(String type);

  /** An analysis ended with {@code status} after {@code duration}. */
  void analysisFinished(String type, ResultStatus status, Duration duration);

  /** An {@code error} frame (or HTTP refusal) with {@code code} was sent. */
  void error(ErrorCode code);

  /**
   * Queue mode is on: report {@code source} from now on. Called once, before the server starts.
   * The default ignores it.
   */
  default void queueMode(QueueModeMetrics source) {
  }

  /** The metrics in the exposition format of {@link #contentType()}. */
  String scrape();

  /** The HTTP content type of {@link #scrape()}. */
  String contentType();
}
