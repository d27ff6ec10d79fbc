package dev.analyzer.client;

import dev.analyzer.client.replica.HostResolver;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.settings.ConnectionSettings;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.queue.QueueSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Builds an {@link AnalyzerClient}: the defaults, overridden by the environment
 * ({@link ClientSettings#fromEnvironment}), overridden by what is set here. Not thread-safe.
 */
public final class AnalyzerClientBuilder {

  ClientSettings settings;
  Clock clock = Clock.systemUTC();
  LongSupplier ticker = System::nanoTime;
  boolean deduplicate = true;
  int ioThreads = 2;
  HostResolver resolver = HostResolver.system();

  AnalyzerClientBuilder() {
    this.settings = ClientSettings.fromEnvironment(Environment.system());
  }

  /** Re-reads the settings from {@code env} instead of the process environment (tests, embedding). */
  public AnalyzerClientBuilder withEnvironment(Environment env) {
    this.settings = ClientSettings.fromEnvironment(env);
    return this;
  }

  /** Replaces all settings. */
  public AnalyzerClientBuilder withSettings(ClientSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
    this.settings = settings;
    return this;
  }

  /** Pool and breaker settings. */
  public AnalyzerClientBuilder withConnectionSettings(ConnectionSettings connection) {
    this.settings = settings.withConnection(connection);
    return this;
  }

  /** The replica URLs of {@code kind}. */
  public AnalyzerClientBuilder withReplicas(AnalysisKind kind, String... urls) {
    List<URI> list = new ArrayList<>();
    for (String u : urls) {
      list.add(URI.create(u));
    }
    this.settings = settings.withReplicas(kind, list);
    return this;
  }

  /** The default deadline of {@code kind}'s analyses. */
  public AnalyzerClientBuilder withTimeout(AnalysisKind kind, Duration timeout) {
    this.settings = settings.withTimeout(kind, timeout);
    return this;
  }

  /** How long a cancelled analysis's connection waits for the service's reply; default 5 s. */
  public AnalyzerClientBuilder withCancelGrace(Duration grace) {
    this.settings = settings.withCancelGrace(grace);
    return this;
  }

  /**
   * ANALYZER_CLIENT_PING_INTERVAL: how long a connection carrying an analysis may be silent before
   * it is pinged, and how long the ping may go unanswered before the connection is dropped and the
   * analysis moves to the next replica; default 15 s, {@link Duration#ZERO} turns it off.
   *
   * @throws dev.analyzer.core.settings.SettingsException unless 0 or 0.05..3600 s
   */
  public AnalyzerClientBuilder withPingInterval(Duration interval) {
    this.settings = settings.withPingInterval(interval);
    return this;
  }

  /**
   * ANALYZER_REPLICA_REFRESH: how often replica host names are resolved again; a name with several
   * addresses (a Kubernetes headless Service) is one replica per address, new addresses are added and
   * gone ones drained. Default 30 s; {@link Duration#ZERO} resolves once, when the client is built.
   *
   * @throws dev.analyzer.core.settings.SettingsException unless 0 or 1..86400 s
   */
  public AnalyzerClientBuilder withReplicaRefresh(Duration refresh) {
    this.settings = settings.withReplicaRefresh(refresh);
    return this;
  }

  /**
   * How replica host names are resolved; default {@link HostResolver#system()} (the JDK's
   * {@code InetAddress.getAllByName}). Tests and service-discovery integrations pass their own.
   */
  public AnalyzerClientBuilder withResolver(HostResolver resolver) {
    if (resolver == null) {
      throw new IllegalArgumentException("resolver must not be null");
    }
    this.resolver = resolver;
    return this;
  }

  /**
   * Queue mode: analyses go through NATS JetStream at {@code url} ({@code nats://host:port} or
   * {@code tls://host:port}, comma-separated for a cluster) instead of the WebSocket replicas, with
   * the same replies, failure statuses, dedup and cancel. The other queue settings (names prefix,
   * creds, token, TLS, API timeout) are those the environment gave ({@code ANALYZER_QUEUE_*}), else
   * the defaults; {@link #withQueue(QueueSettings)} sets them all. The connection opens at the
   * first submit.
   *
   * @throws dev.analyzer.core.settings.SettingsException when {@code url} is not a NATS URL list
   */
  public AnalyzerClientBuilder withQueue(String url) {
    List<String> servers = QueueSettings.builder(url).build().servers();
    QueueSettings q = settings.queue();
    this.settings = settings.withQueue(q == null ? QueueSettings.builder(url).build()
        : new QueueSettings(servers, q.prefix(), q.ackWait(), q.maxDeliver(), q.nakDelay(), q.replicas(), q.storage(),
            q.duplicateWindow(), q.resultTtl(), q.objectThreshold(), q.maxAckPending(), q.timeout(), q.auth(),
            q.optionsCustomizer()));
    return this;
  }

  /**
   * Queue mode with every queue setting given: servers, names prefix, auth and TLS
   * ({@link dev.analyzer.queue.QueueAuth}: creds file, token, trust and key stores), API timeout,
   * and any further jnats option ({@code QueueSettings.builder(url).withOptions(...)}). Use the
   * settings the workers use: the client ensures the queue topology with them.
   */
  public AnalyzerClientBuilder withQueue(QueueSettings queue) {
    if (queue == null) {
      throw new IllegalArgumentException("queue settings must not be null (withoutQueue() turns queue mode off)");
    }
    this.settings = settings.withQueue(queue);
    return this;
  }

  /** Analyses go to the WebSocket replicas even when the environment sets {@code ANALYZER_QUEUE_URL}. */
  public AnalyzerClientBuilder withoutQueue() {
    this.settings = settings.withQueue(null);
    return this;
  }

  /** Turns request deduplication on (default) or off. */
  public AnalyzerClientBuilder withDeduplication(boolean on) {
    this.deduplicate = on;
    return this;
  }

  /** The clock of client-made replies' timestamps; default UTC. */
  public AnalyzerClientBuilder withClock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * The ticker (nanoseconds) that idle timeouts and the breakers' open delay
   * (ANALYZER_CIRCUIT_TIMEOUT) are measured with; default {@link System#nanoTime()}. Tests advance
   * a fake one instead of sleeping.
   */
  public AnalyzerClientBuilder withTicker(LongSupplier ticker) {
    this.ticker = ticker;
    return this;
  }

  /**
   * Netty I/O threads; default 2.
   *
   * @throws IllegalArgumentException when below 1
   */
  public AnalyzerClientBuilder withIoThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("ioThreads must be >= 1, got " + threads);
    }
    this.ioThreads = threads;
    return this;
  }

  public AnalyzerClient build() {
    return new AnalyzerClient(this);
  }
}
