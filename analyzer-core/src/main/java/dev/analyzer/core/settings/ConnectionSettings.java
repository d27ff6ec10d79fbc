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

  static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(100);
  static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofHours(1);
  static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(1);
  static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(1);
  static final Duration MIN_CIRCUIT_TIMEOUT = Duration.ofMillis(10);
  static final Duration MAX_CIRCUIT_TIMEOUT = Duration.ofDays(1);

  public ConnectionSettings {
    check(maxConnections >= 1 && maxConnections <= 100_000, MAX_CONNECTIONS, "1..100000", maxConnections);
    checkDuration(connectionTimeout, MIN_CONNECTION_TIMEOUT, MAX_CONNECTION_TIMEOUT, CONNECTION_TIMEOUT);
    checkDuration(idleTimeout, MIN_IDLE_TIMEOUT, MAX_IDLE_TIMEOUT, IDLE_TIMEOUT);
    check(circuitThreshold >= 1 && circuitThreshold <= 1000, CIRCUIT_THRESHOLD, "1..1000", circuitThreshold);
    checkDuration(circuitTimeout, MIN_CIRCUIT_TIMEOUT, MAX_CIRCUIT_TIMEOUT, CIRCUIT_TIMEOUT);
    check(circuitHalfOpenCalls >= 1 && circuitHalfOpenCalls <= 1000, CIRCUIT_HALF_OPEN_CALLS, "1..1000",
        circuitHalfOpenCalls);
  }

  /** The defaults of the table above. */
  public static ConnectionSettings defaults() {
    return new ConnectionSettings(50, Duration.ofSeconds(10), Duration.ofSeconds(300), 5,
        Duration.ofSeconds(60), 3);
  }

  /**
   * The defaults overridden by whatever {@code env} sets.
   *
   * @throws SettingsException naming the first variable with a bad value
   */
  public static ConnectionSettings fromEnvironment(Environment env) {
    EnvReader r = new EnvReader(env);
    ConnectionSettings d = defaults();
    return new ConnectionSettings(
        r.intIn(MAX_CONNECTIONS, d.maxConnections, 1, 100_000),
        r.secondsIn(CONNECTION_TIMEOUT, d.connectionTimeout, MIN_CONNECTION_TIMEOUT, MAX_CONNECTION_TIMEOUT),
        r.secondsIn(IDLE_TIMEOUT, d.idleTimeout, MIN_IDLE_TIMEOUT, MAX_IDLE_TIMEOUT),
        r.intIn(CIRCUIT_THRESHOLD, d.circuitThreshold, 1, 1000),
        r.secondsIn(CIRCUIT_TIMEOUT, d.circuitTimeout, MIN_CIRCUIT_TIMEOUT, MAX_CIRCUIT_TIMEOUT),
        r.intIn(CIRCUIT_HALF_OPEN_CALLS, d.circuitHalfOpenCalls, 1, 1000));
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new SettingsException(name, name + " must be " + range + ", got " + value);
    }
  }

  private static void checkDuration(Duration d, Duration min, Duration max, String name) {
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new SettingsException(name, name + " must be " + EnvReader.seconds(min) + ".."
          + EnvReader.seconds(max) + " seconds, got " + (d == null ? "null" : EnvReader.seconds(d)));
    }
  }
}
