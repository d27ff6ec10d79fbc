package dev.analyzer.service.testing;

import dev.analyzer.service.metrics.PrometheusServiceMetrics;
import java.util.concurrent.atomic.AtomicInteger;

/** Server metrics that also record the peak number of WebSocket connections open at once. */
public final class PeakConnections extends ForwardingServiceMetrics {

  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();

  public PeakConnections() {
    super(new PrometheusServiceMetrics(() -> 0));
  }

  public int peak() {
    return peak.get();
  }

  public int open() {
    return open.get();
  }

  public int total() {
    return total.get();
  }

  @Override
  public void connectionOpened() {
    total.incrementAndGet();
    peak.accumulateAndGet(open.incrementAndGet(), Math::max);
    super.connectionOpened();
  }

  @Override
  public void connectionClosed() {
    open.decrementAndGet();
    super.connectionClosed();
  }
}
