package dev.analyzer.queue.internal;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends jnats connection events to SLF4J instead of {@code java.util.logging}: server errors and
 * exceptions as warnings, routine flow-control and pull statuses not at all. Thread-safe.
 */
final class LoggingErrorListener implements ErrorListener {

  private static final Logger LOG = LoggerFactory.getLogger("dev.analyzer.queue.nats");

  @Override
  public void errorOccurred(Connection conn, String error) {
    LOG.warn("NATS server error: {}", error);
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    LOG.warn("NATS connection problem: {}", exp.toString());
  }

  @Override
  public void slowConsumerDetected(Connection conn, Consumer consumer) {
    LOG.warn("NATS slow consumer: messages are being dropped for a subscription that does not keep up");
  }
}
