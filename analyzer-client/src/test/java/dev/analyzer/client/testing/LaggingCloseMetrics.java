package dev.analyzer.client.testing;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.metrics.ServiceMetrics;
import java.time.Duration;

/**
 * Server metrics that record a closed connection only {@code lag} after the server reports it, on
 * the server's own I/O thread: as when that thread is descheduled between closing a socket (the FIN
 * is already on the wire) and running the deferred {@code channelInactive}. A service's count of
 * open connections then lags the wire; tests that bound connections must count on the wire
 * ({@link ConnectionCountingProxy}). Thread-safe.
 */
public final class LaggingCloseMetrics implements ServiceMetrics {

  private final ServiceMetrics delegate;
  private final Duration lag;

  public LaggingCloseMetrics(ServiceMetrics delegate, Duration lag) {
    this.delegate = delegate;
    this.lag = lag;
  }

  @Override
  public void connectionOpened() {
    delegate.connectionOpened();
  }

  @Override
  public void connectionClosed() {
    try {
      Thread.sleep(lag.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    delegate.connectionClosed();
  }

  @Override
  public void frameReceived() {
    delegate.frameReceived();
  }

  @Override
  public void frameSent() {
    delegate.frameSent();
  }

  @Override
  public void analysisStarted(String type) {
    delegate.analysisStarted(type);
  }

  @Override
  public void analysisFinished(String type, ResultStatus status, Duration duration) {
    delegate.analysisFinished(type, status, duration);
  }

  @Override
  public void error(ErrorCode code) {
    delegate.error(code);
  }

  @Override
  public String scrape() {
    return delegate.scrape();
  }

  @Override
  public String contentType() {
    return delegate.contentType();
  }
}
