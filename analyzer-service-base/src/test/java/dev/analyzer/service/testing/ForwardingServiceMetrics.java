package dev.analyzer.service.testing;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.metrics.ServiceMetrics;
import java.time.Duration;

/**
 * Server metrics that pass every event to a delegate: tests extend it and override only the events
 * they observe or delay. Thread-safe if the delegate is.
 */
public abstract class ForwardingServiceMetrics implements ServiceMetrics {

  private final ServiceMetrics delegate;

  protected ForwardingServiceMetrics(ServiceMetrics delegate) {
    this.delegate = delegate;
  }

  @Override
  public void connectionOpened() {
    delegate.connectionOpened();
  }

  @Override
  public void connectionClosed() {
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
