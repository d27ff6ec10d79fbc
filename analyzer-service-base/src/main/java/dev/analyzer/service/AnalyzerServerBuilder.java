package dev.analyzer.service;

import dev.analyzer.service.metrics.ServiceMetrics;
import java.time.Clock;

/** Builds an {@link AnalyzerServer}. Not thread-safe. */
public final class AnalyzerServerBuilder {

  final AnalyzerService service;
  ServiceSettings settings;
  Clock clock = Clock.systemUTC();
  ServiceMetrics metrics;
  int eventLoopThreads;
  QueueModeSettings queue;

  AnalyzerServerBuilder(AnalyzerService service) {
    if (service == null) {
      throw new IllegalArgumentException("service is required");
    }
    this.service = service;
    this.settings = ServiceSettings.defaults(service.defaultPort());
  }

  /** The settings; default {@link ServiceSettings#defaults(int)} with the service's port. */
  public AnalyzerServerBuilder withSettings(ServiceSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
    this.settings = settings;
    return this;
  }

  /** The clock for timestamps, uptime and deadlines; default UTC system clock. */
  public AnalyzerServerBuilder withClock(Clock clock) {
    if (clock == null) {
      throw new IllegalArgumentException("clock must not be null");
    }
    this.clock = clock;
    return this;
  }

  /** The metrics sink; default a {@link dev.analyzer.service.metrics.PrometheusServiceMetrics}. */
  public AnalyzerServerBuilder withMetrics(ServiceMetrics metrics) {
    this.metrics = metrics;
    return this;
  }

  /**
   * Netty event-loop threads; default 0, which lets Netty choose (twice the cores).
   *
   * @throws IllegalArgumentException when negative
   */
  public AnalyzerServerBuilder withEventLoopThreads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("event loop threads must be >= 0, got " + threads);
    }
    this.eventLoopThreads = threads;
    return this;
  }

  /**
   * Queue mode: the server also takes the requests of its kind from the queue ({@code null}: off,
   * the default). See {@link QueueModeSettings}.
   */
  public AnalyzerServerBuilder withQueue(QueueModeSettings queue) {
    this.queue = queue;
    return this;
  }

  /**
   * The server, not yet started.
   *
   * @throws dev.analyzer.core.settings.SettingsException naming a setting that does not fit the others
   */
  public AnalyzerServer build() {
    return new AnalyzerServer(this);
  }
}
