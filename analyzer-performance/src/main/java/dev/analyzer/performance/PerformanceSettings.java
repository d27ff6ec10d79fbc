package dev.analyzer.performance;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import java.time.Duration;

/**
 * The performance service's own settings: caps a request cannot exceed and the defaults it gets
 * when it says nothing. Immutable; validated when built.
 *
 * @param maxRate {@code ANALYZER_PERF_MAX_RATE}: highest open-model rate a request may ask for
 * @param maxConnections {@code ANALYZER_PERF_MAX_CONNECTIONS}: most connections per load test
 * @param maxDuration {@code ANALYZER_PERF_MAX_DURATION}: longest measured part per URL and tool
 * @param defaultDuration {@code ANALYZER_PERF_DURATION}: measured part when the request gives none
 * @param defaultConnections {@code ANALYZER_PERF_CONNECTIONS}: connections when the request gives none
 * @param warmup {@code ANALYZER_PERF_WARMUP}: warm-up before the measured part (unless the request sets one)
 * @param requestTimeout {@code ANALYZER_PERF_REQUEST_TIMEOUT}: one request's timeout
 * @param ioThreads {@code ANALYZER_PERF_IO_THREADS}: the built-in generator's event-loop threads
 */
public record PerformanceSettings(int maxRate, int maxConnections, Duration maxDuration, Duration defaultDuration,
    int defaultConnections, Duration warmup, Duration requestTimeout, int ioThreads) {

  static final Option<Integer> MAX_RATE = Option.integer("ANALYZER_PERF_MAX_RATE", 50_000, 1, 10_000_000,
      "highest open-model rate (requests/s, stages included) a request may ask for; more is refused");
  static final Option<Integer> MAX_CONNECTIONS = Option.integer("ANALYZER_PERF_MAX_CONNECTIONS", 1000, 1, 100_000,
      "most connections (closed model: users) per load test; more is refused");
  static final Option<Duration> MAX_DURATION = Option.seconds("ANALYZER_PERF_MAX_DURATION", Duration.ofSeconds(300),
      Duration.ofSeconds(1), Duration.ofHours(24), "longest measured part per URL and tool; longer is refused");
  static final Option<Duration> DURATION = Option.seconds("ANALYZER_PERF_DURATION", Duration.ofSeconds(10),
      Duration.ofSeconds(1), Duration.ofHours(24), "measured part when the request gives no duration");
  static final Option<Integer> CONNECTIONS = Option.integer("ANALYZER_PERF_CONNECTIONS", 10, 1, 100_000,
      "connections when the request gives none (and `users` is absent)");
  static final Option<Duration> WARMUP = Option.seconds("ANALYZER_PERF_WARMUP", Duration.ofSeconds(2),
      Duration.ZERO, Duration.ofMinutes(10), "warm-up before the measured part, left out of every figure");
  static final Option<Duration> REQUEST_TIMEOUT = Option.seconds("ANALYZER_PERF_REQUEST_TIMEOUT",
      Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMinutes(10),
      "one request's timeout (a `timeout` error); an open-model request not sent within it is `dropped`");
  static final Option<Integer> IO_THREADS = Option.integer("ANALYZER_PERF_IO_THREADS", 1, 1, 64,
      "event-loop threads of the built-in generator (1 keeps a core free for a target on the same machine)");

  /** Every option of the performance service, in README order. */
  public static final OptionTable OPTIONS = OptionTable.of("performance service", MAX_RATE, MAX_CONNECTIONS,
      MAX_DURATION, DURATION, CONNECTIONS, WARMUP, REQUEST_TIMEOUT, IO_THREADS);

  public PerformanceSettings {
    MAX_RATE.check(maxRate);
    MAX_CONNECTIONS.check(maxConnections);
    MAX_DURATION.check(maxDuration);
    DURATION.check(defaultDuration);
    CONNECTIONS.check(defaultConnections);
    WARMUP.check(warmup);
    REQUEST_TIMEOUT.check(requestTimeout);
    IO_THREADS.check(ioThreads);
    if (defaultDuration.compareTo(maxDuration) > 0) {
      throw new dev.analyzer.core.settings.SettingsException(DURATION.name(), DURATION.name()
          + " must not exceed " + MAX_DURATION.name() + " (" + maxDuration.toSeconds() + " s), got "
          + defaultDuration.toSeconds() + " s");
    }
  }

  /** The defaults. */
  public static PerformanceSettings defaults() {
    return fromEnvironment(name -> null);
  }

  /**
   * The defaults overridden by {@code env}.
   *
   * @throws dev.analyzer.core.settings.SettingsException naming the first variable with a bad value
   */
  public static PerformanceSettings fromEnvironment(Environment env) {
    return new PerformanceSettings(MAX_RATE.read(env), MAX_CONNECTIONS.read(env), MAX_DURATION.read(env),
        DURATION.read(env), CONNECTIONS.read(env), WARMUP.read(env), REQUEST_TIMEOUT.read(env), IO_THREADS.read(env));
  }

  /** These settings with another default duration and warm-up (tests). */
  public PerformanceSettings withDefaults(Duration duration, Duration warmupTime) {
    return new PerformanceSettings(maxRate, maxConnections, maxDuration, duration, defaultConnections, warmupTime,
        requestTimeout, ioThreads);
  }
}
