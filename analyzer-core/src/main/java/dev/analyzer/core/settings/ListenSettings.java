package dev.analyzer.core.settings;

/**
 * Where a service listens: {@code WEBSOCKET_HOST} (default {@code 127.0.0.1}; the original bound
 * 0.0.0.0, we bind loopback unless told otherwise) and {@code WEBSOCKET_PORT} (default: the
 * service's own port, 2001..2004; 0 picks a free port).
 *
 * @param host the interface to bind
 * @param port the TCP port, 0..65535
 */
public record ListenSettings(String host, int port) {

  public static final String HOST = "WEBSOCKET_HOST";
  public static final String PORT = "WEBSOCKET_PORT";
  public static final String DEFAULT_HOST = "127.0.0.1";

  public ListenSettings {
    if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new SettingsException(HOST, HOST + " must be a host name or address without spaces, got '" + host + "'");
    }
    if (port < 0 || port > 65535) {
      throw new SettingsException(PORT, PORT + " must be 0..65535, got " + port);
    }
  }

  /**
   * {@code WEBSOCKET_HOST} and {@code WEBSOCKET_PORT} from {@code env}, else the defaults.
   *
   * @param defaultPort the service's own port
   * @throws SettingsException naming the variable with a bad value
   */
  public static ListenSettings fromEnvironment(Environment env, int defaultPort) {
    EnvReader r = new EnvReader(env);
    return new ListenSettings(r.word(HOST, DEFAULT_HOST), r.intIn(PORT, defaultPort, 0, 65535));
  }
}
