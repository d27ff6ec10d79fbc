package dev.analyzer.core.settings;

import java.time.Duration;

/**
 * The client's pool and circuit-breaker settings, the variables of the original's robustness guide
 * (which the original documented but never read).
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>default</th><th>range</th></tr>
 *   <tr><td>ANALYZER_MAX_CONNECTIONS</td><td>50</td><td>1..100000</td></tr>
 *   <tr><td>ANALYZER_CONNECTION_TIMEOUT</td><td>10 s</td><td>0.1..3600 s</td></tr>
 *   <tr><td>ANALYZER_IDLE_TIMEOUT</td><td>300 s</td><td>1..86400 s</td></tr>
 *   <tr><td>ANALYZER_CIRCUIT_THRESHOLD</td><td>5</td><td>1..1000</td></tr>
 *   <tr><td>ANALYZER_CIRCUIT_TIMEOUT</td><td>60 s</td><td>0.01..86400 s</td></tr>
 *   <tr><td>ANALYZER_CIRCUIT_HALF_OPEN_CALLS</td><td>3</td><td>1..1000</td></tr>
 * </table>
 *
 * @param maxConnections WebSocket connections open at once
 * @param connectionTimeout longest wait for a pool permit and for connect plus handshake
 * @param idleTimeout idle pooled connections close after this
 * @param circuitThreshold consecutive failed requests that open a replica's breaker
 * @param circuitTimeout how long a breaker stays open before half-open probes
 * @param circuitHalfOpenCalls probes admitted half-open, and successes needed to close
 */
public record ConnectionSettings(int maxConnections, Duration connectionTimeout, Duration idleTimeout,
    int circuitThreshold, Duration circuitTimeout, int circuitHalfOpenCalls) {

  public static final String MAX_CONNECTIONS = "ANALYZER_MAX_CONNECTIONS";
  public static final String CONNECTION_TIMEOUT = "ANALYZER_CONNECTION_TIMEOUT";
  public static final String IDLE_TIMEOUT = "ANALYZER_IDLE_TIMEOUT";
  public static final String CIRCUIT_THRESHOLD = "ANALYZER_CIRCUIT_THRESHOLD";
  public static final String CIRCUIT_TIMEOUT = "ANALYZER_CIRCUIT_TIMEOUT";
  public static final String CIRCUIT_HALF_OPEN_CALLS = "ANALYZER_CIRCUIT_HALF_OPEN_CALLS";

  static final Option<Integer> MAX_CONNECTIONS_OPTION = Option.integer(MAX_CONNECTIONS, 50, 1, 100_000,
      "client: WebSocket connections open at once");
  static final Option<Duration> CONNECTION_TIMEOUT_OPTION = Option.seconds(CONNECTION_TIMEOUT,
      Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofHours(1),
      "client: wait for a pool permit, connect and handshake");
  static final Option<Duration> IDLE_TIMEOUT_OPTION = Option.seconds(IDLE_TIMEOUT, Duration.ofSeconds(300),
      Duration.ofSeconds(1), Duration.ofDays(1), "client: idle pooled connections close after this");
  static final Option<Integer> CIRCUIT_THRESHOLD_OPTION = Option.integer(CIRCUIT_THRESHOLD, 5, 1, 1000,
      "client: consecutive failed requests that open a replica's breaker");
  static final Option<Duration> CIRCUIT_TIMEOUT_OPTION = Option.seconds(CIRCUIT_TIMEOUT, Duration.ofSeconds(60),
      Duration.ofMillis(10), Duration.ofDays(1), "client: how long a breaker stays open before probing");
  static final Option<Integer> CIRCUIT_HALF_OPEN_CALLS_OPTION = Option.integer(CIRCUIT_HALF_OPEN_CALLS, 3, 1, 1000,
      "client: probes admitted half-open, successes needed to close");

  /** Every option of this class, in README order. */
  public static final OptionTable OPTIONS = OptionTable.of("client pool and breakers", MAX_CONNECTIONS_OPTION,
      CONNECTION_TIMEOUT_OPTION, IDLE_TIMEOUT_OPTION, CIRCUIT_THRESHOLD_OPTION, CIRCUIT_TIMEOUT_OPTION,
      CIRCUIT_HALF_OPEN_CALLS_OPTION);

  public ConnectionSettings {
    MAX_CONNECTIONS_OPTION.check(maxConnections);
    CONNECTION_TIMEOUT_OPTION.check(connectionTimeout);
    IDLE_TIMEOUT_OPTION.check(idleTimeout);
    CIRCUIT_THRESHOLD_OPTION.check(circuitThreshold);
    CIRCUIT_TIMEOUT_OPTION.check(circuitTimeout);
    CIRCUIT_HALF_OPEN_CALLS_OPTION.check(circuitHalfOpenCalls);
  }

  /** The defaults of the table above. */
  public static ConnectionSettings defaults() {
    return new ConnectionSettings(MAX_CONNECTIONS_OPTION.defaultValue(), CONNECTION_TIMEOUT_OPTION.defaultValue(),
        IDLE_TIMEOUT_OPTION.defaultValue(), CIRCUIT_THRESHOLD_OPTION.defaultValue(),
        CIRCUIT_TIMEOUT_OPTION.defaultValue(), CIRCUIT_HALF_OPEN_CALLS_OPTION.defaultValue());
  }

  /**
   * The defaults overridden by whatever {@code env} sets.
   *
   * @throws SettingsException naming the first variable with a bad value
   */
  public static ConnectionSettings fromEnvironment(Environment env) {
    return new ConnectionSettings(MAX_CONNECTIONS_OPTION.read(env), CONNECTION_TIMEOUT_OPTION.read(env),
        IDLE_TIMEOUT_OPTION.read(env), CIRCUIT_THRESHOLD_OPTION.read(env), CIRCUIT_TIMEOUT_OPTION.read(env),
        CIRCUIT_HALF_OPEN_CALLS_OPTION.read(env));
  }
}
