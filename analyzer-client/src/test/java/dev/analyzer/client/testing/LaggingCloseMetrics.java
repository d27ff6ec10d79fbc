package dev.analyzer.client.testing;

import dev.analyzer.service.metrics.ServiceMetrics;
import dev.analyzer.service.testing.ForwardingServiceMetrics;
import java.time.Duration;

/**
 * Server metrics that record a closed connection only {@code lag} after the server reports it, on
 * the server's own I/O thread: as when that thread is descheduled between closing a socket (the FIN
 * is already on the wire) and running the deferred {@code channelInactive}. A service's count of
 * open connections then lags the wire; tests that bound connections must count on the wire
 * ({@link ConnectionCountingProxy}). Thread-safe.
 */
public final class LaggingCloseMetrics extends ForwardingServiceMetrics {

  private final Duration lag;

  public LaggingCloseMetrics(ServiceMetrics delegate, Duration lag) {
    super(delegate);
    this.lag = lag;
  }

  @Override
  public void connectionClosed() {
    try {
      Thread.sleep(lag.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    super.connectionClosed();
  }
}
