package dev.analyzer.client;

import dev.analyzer.client.replica.HostResolver;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.settings.ConnectionSettings;
import dev.analyzer.core.settings.Environment;
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
