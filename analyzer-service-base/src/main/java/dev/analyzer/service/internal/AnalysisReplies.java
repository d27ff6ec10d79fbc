package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.service.CancellationReason;
import io.netty.channel.Channel;

/**
 * Where one analysis's frames go: its WebSocket connection ({@link WebSocketReplies}) or the queue
 * ({@link QueueReplies}). {@link RunningAnalysis} guarantees that exactly one of {@link #result}
 * and {@link #refuse} is called, once, and no progress after it. Implementations must be
 * thread-safe and must not block.
 */
interface AnalysisReplies {

  /** The WebSocket connection the analysis came on, or {@code null} for a queued analysis. */
  Channel channel();

  /** A progress frame, best effort (dropped when the peer cannot take it now). */
  void progress(ProgressUpdate update);

  /**
   * The terminal result.
   *
   * @param cancelledBy why the analysis was stopped, or {@code null} when it ran to its end
   */
  void result(AnalysisResult result, CancellationReason cancelledBy);

  /** The analysis was refused before its code ran ({@code invalid_request} for its path, {@code busy} while draining). */
  void refuse(ErrorCode code, String message, String correlationId);
}
