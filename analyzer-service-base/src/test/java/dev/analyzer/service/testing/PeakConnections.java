package dev.analyzer.service.testing;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.metrics.PrometheusServiceMetrics;
import dev.analyzer.service.metrics.ServiceMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Server metrics that also record the peak number of WebSocket connections open at once. */
public final class PeakConnections implements ServiceMetrics {

  private final ServiceMetrics delegate = new PrometheusServiceMetrics(() -> 0);
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();

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
    delegate.connectionOpened();
  }

  @Override
  public void connectionClosed() {
    open.decrementAndGet();
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
