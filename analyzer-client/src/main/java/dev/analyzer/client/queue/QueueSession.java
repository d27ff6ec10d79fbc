package dev.analyzer.client.queue;

import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.queue.QueueSubmitter;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Subscription;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open NATS connection of the client with its {@link QueueSubmitter} and one dispatcher that
 * carries the progress of every analysis in flight. {@link QueueSubmitter#onProgress} would start a
 * dispatcher (a thread) per analysis; one shared dispatcher with a subscription per analysis keeps
 * the thread count flat however many analyses are queued.
 *
 * <p>Thread-safe. Opening blocks (connect, topology); the transport does it off the caller's thread.
 */
final class QueueSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueueSession.class);
  /** Longest wait for the outgoing buffer to reach the server on close. */
  static final java.time.Duration FLUSH_WAIT = java.time.Duration.ofSeconds(2);

  private final QueueConnection connection;
  private final QueueSubmitter submitter;
  private final Dispatcher progress;

  private QueueSession(QueueConnection connection, QueueSubmitter submitter, Dispatcher progress) {
    this.connection = connection;
    this.submitter = submitter;
    this.progress = progress;
  }

  /**
   * Connects and ensures the topology (as every {@link QueueSubmitter} does).
   *
   * @throws dev.analyzer.queue.QueueException when NATS cannot be reached or used
   */
  static QueueSession open(QueueSettings settings, String name) {
    QueueConnection c = QueueConnection.open(settings, name);
    try {
      QueueSubmitter s = QueueSubmitter.create(c);
      return new QueueSession(c, s, c.nats().createDispatcher());
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  QueueSubmitter submitter() {
    return submitter;
  }

  /** False once jnats gave the connection up (it reconnects by itself until then). */
  boolean usable() {
    return connection.nats().getStatus() != Connection.Status.CLOSED;
  }

  /** True while the connection is up; false while jnats reconnects (publishing then would only wait). */
  boolean connected() {
    return connection.nats().getStatus() == Connection.Status.CONNECTED;
  }

  /** The servers it was opened for. */
  java.util.List<String> servers() {
    return connection.settings().servers();
  }

  /** The NATS connection status, lower case: connected, reconnecting, disconnected, closed. */
  String status() {
    return connection.nats().getStatus().name().toLowerCase(Locale.ROOT);
  }

  /**
   * Delivers the progress frames of {@code id} to {@code listener} (on the dispatcher's thread)
   * until the returned handle is closed. Subscribed before the request is published, so no frame
   * of the analysis is missed (the subscription reaches the server first on the same connection).
   */
  AutoCloseable onProgress(String id, Consumer<ProgressUpdate> listener) {
    Subscription sub = progress.subscribe(connection.names().progressSubject(id), m -> {
      Message frame;
      try {
        frame = connection.codec().decode(m.getData());
      } catch (RuntimeException e) {
        LOG.debug("progress frame of {} dropped: {}", id, e.toString());
        return;
      }
      if (frame instanceof ProgressUpdate) {
        listener.accept((ProgressUpdate) frame);
      }
    });
    return () -> {
      if (progress.isActive()) {
        progress.unsubscribe(sub);
      }
    };
  }

  /**
   * Flushes what is still in the outgoing buffer (at most {@code FLUSH_WAIT}), then closes. The
   * cancel a worker listens to is a core NATS publish that {@code QueueSubmitter.cancel} does not
   * flush: closing without this loses the cancels of a {@code close()} with analyses in flight.
   */
  @Override
  public void close() {
    try {
      if (connected()) {
        connection.nats().flush(FLUSH_WAIT);
      }
    } catch (java.util.concurrent.TimeoutException | IllegalStateException e) {
      LOG.warn("queue session closing: pending messages not confirmed within {}: {}", FLUSH_WAIT, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    submitter.close();
    connection.close();
  }
}
