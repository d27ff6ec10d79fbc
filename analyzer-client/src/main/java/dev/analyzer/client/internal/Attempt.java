package dev.analyzer.client.internal;

import dev.analyzer.client.replica.Replica;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.StatusUpdate;
import dev.analyzer.core.protocol.CancelRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One try of a {@link RemoteAnalysis} on one replica: its {@link ReplicaCall} (breaker permit,
 * counters, ended once), its connection once open, and the listener that sorts the connection's
 * frames into progress, a terminal reply, {@code busy} or a drop, handed to the analysis.
 * Thread-safe: events arrive on the connection's event loop; the fields are volatile.
 */
final class Attempt implements WsConnection.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);

  private final RemoteAnalysis analysis;
  private final ReplicaCall call;
  private final String requestId;
  private volatile WsConnection connection;
  private volatile boolean terminal;

  Attempt(RemoteAnalysis analysis, ReplicaCall call, String requestId) {
    this.analysis = analysis;
    this.call = call;
    this.requestId = requestId;
  }

  Replica replica() {
    return call.replica();
  }

  /** Settles the replica call (once; later ends are ignored). */
  void end(boolean failed) {
    call.end(failed);
  }

  WsConnection connection() {
    return connection;
  }

  void connected(WsConnection c) {
    connection = c;
  }

  /** Closes the connection a second after the terminal reply (the service usually closes it first). */
  void closeSoon(ScheduledExecutorService timer) {
    WsConnection c = connection;
    if (c != null) {
      timer.schedule(c::close, 1, TimeUnit.SECONDS);
    }
  }

  /**
   * After a cancel or deadline: sends {@code cancel} on the open connection and closes it after
   * {@code grace} (sooner when the service closes it), then runs {@code closed}; on a connection
   * already gone, settles the call and runs {@code closed} at once.
   */
  void cancelRemote(CancelRequest cancel, Duration grace, ScheduledExecutorService timer, Runnable closed) {
    WsConnection c = connection;
    if (!c.isOpen()) {
      end(false);
      closed.run();
      return;
    }
    c.send(cancel);
    timer.schedule(() -> {
      end(false);
      c.close();
      closed.run();
    }, grace.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onMessage(Message m) {
    if (m instanceof ProgressUpdate) {
      analysis.onProgress((ProgressUpdate) m);
    } else if (m instanceof StatusUpdate) {
      StatusUpdate s = (StatusUpdate) m;
      analysis.onProgress(new ProgressUpdate(requestId, s.service(), s.stage(), s.message(), null, null, null,
          s.timestamp(), Map.of()));
    } else if (m instanceof AnalysisResult && addressedToUs(((AnalysisResult) m).correlationId())) {
      terminal = true;
      AnalysisResult r = (AnalysisResult) m;
      analysis.onTerminal(this, r, r.error() != null && r.error().startsWith("internal error"));
    } else if (m instanceof ErrorMessage && addressedToUs(((ErrorMessage) m).correlationId())) {
      terminal = true;
      ErrorMessage e = (ErrorMessage) m;
      if (e.code() == ErrorCode.BUSY) {
        analysis.onBusy(this, e);
      } else {
        analysis.onTerminal(this, e, e.code() == null || e.code() == ErrorCode.INTERNAL);
      }
    }
  }

  @Override
  public void onUndecodable(String text, RuntimeException error) {
    LOG.debug("ignoring a frame from {} that does not decode: {}", replica().endpoint(), error.getMessage());
  }

  @Override
  public void onClose(int code, String reason) {
    if (!terminal) {
      analysis.onDropped(this, "connection to " + replica().endpoint() + " closed before the terminal reply"
          + (code > 0 ? " (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")"
          : reason == null || reason.isEmpty() ? "" : ": " + reason));
    }
  }

  private boolean addressedToUs(String correlationId) {
    return correlationId == null || correlationId.isEmpty() || correlationId.equals(requestId);
  }
}
