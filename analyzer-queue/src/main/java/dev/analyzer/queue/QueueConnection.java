package dev.analyzer.queue;

import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.queue.internal.NatsOptionsFactory;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import java.io.IOException;
import java.util.Objects;

/**
 * One NATS connection with its settings, names and JetStream contexts, shared by the
 * {@link QueueSubmitter}, {@link QueueWorker} and {@link QueueInspector} of a process. Opening it
 * checks that the server has JetStream and that {@link QueueSettings#objectThreshold()} lies
 * below the server's {@code max_payload}.
 *
 * <p>Thread-safe. The caller owns it: close it after the submitters and workers that use it.
 */
public final class QueueConnection implements AutoCloseable {

  private static final int HEADER_ROOM = 4096;

  private final QueueSettings settings;
  private final Connection connection;
  private final JetStream jetStream;
  private final JetStreamManagement management;
  private final ProtocolCodec codec;

  private QueueConnection(QueueSettings settings, Connection connection, ProtocolCodec codec) throws IOException {
    this.settings = settings;
    this.connection = connection;
    this.codec = codec;
    JetStreamOptions jso = JetStreamOptions.builder().requestTimeout(settings.timeout()).build();
    this.jetStream = connection.jetStream(jso);
    this.management = connection.jetStreamManagement(jso);
  }

  /**
   * Connects to the servers of {@code settings}.
   *
   * @param name the connection name the server shows ({@code static-analyzer worker}, ...)
   * @throws QueueException when no server answers, auth fails, JetStream is off, or the object
   *     threshold does not fit the server's {@code max_payload}
   */
  public static QueueConnection open(QueueSettings settings, String name) {
    Objects.requireNonNull(settings, "settings");
    Connection nc;
    try {
      nc = Nats.connect(NatsOptionsFactory.options(settings, name));
    } catch (IOException e) {
      throw new QueueException("cannot connect to NATS at " + settings.servers() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueueException("interrupted while connecting to NATS at " + settings.servers(), e);
    }
    try {
      long maxPayload = nc.getServerInfo().getMaxPayload();
      if (settings.objectThreshold() + HEADER_ROOM > maxPayload) {
        throw new QueueException(QueueSettings.OBJECT_THRESHOLD + " is " + settings.objectThreshold()
            + " bytes but the server's max_payload is " + maxPayload + ": set it below " + (maxPayload - HEADER_ROOM));
      }
      if (!nc.getServerInfo().isJetStreamAvailable()) {
        throw new QueueException("the NATS server at " + nc.getConnectedUrl()
            + " has no JetStream: start it with -js (or jetstream {} in its config)");
      }
      return new QueueConnection(settings, nc, ProtocolCodec.create());
    } catch (IOException | RuntimeException e) {
      closeQuietly(nc);
      throw e instanceof QueueException ? (QueueException) e
          : new QueueException("cannot use JetStream at " + settings.servers() + ": " + e.getMessage(), e);
    }
  }

  /** The settings it was opened with. */
  public QueueSettings settings() {
    return settings;
  }

  /** The topology names. */
  public QueueNames names() {
    return settings.names();
  }

  /** The jnats connection, for callers that need more than this library offers. */
  public Connection nats() {
    return connection;
  }

  /** The JetStream context (API timeout = {@link QueueSettings#timeout()}). */
  public JetStream jetStream() {
    return jetStream;
  }

  /** The JetStream management context. */
  public JetStreamManagement management() {
    return management;
  }

  /** The protocol codec: queue messages are the same JSON frames as on the WebSocket. */
  public ProtocolCodec codec() {
    return codec;
  }

  /** Creates or verifies every stream, consumer and bucket; see {@link QueueTopology#ensure}. */
  public QueueTopology topology() {
    return new QueueTopology(this);
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection nc) {
    try {
      nc.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
