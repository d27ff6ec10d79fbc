package dev.analyzer.service;

import dev.analyzer.core.settings.CompressionSettings;
import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.ListenSettings;
import dev.analyzer.core.settings.SettingsException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.analyzer.service.secrets.Secret;
import dev.analyzer.service.secrets.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's settings, validated on construction through {@link ServiceOptions} (one table of
 * name, default, bound and meaning: {@link #OPTIONS}); a bad value names the variable, the range
 * and the value. Immutable; change one value with the {@code withX} methods.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>default</th><th>range</th></tr>
 *   <tr><td>WEBSOCKET_HOST</td><td>127.0.0.1</td><td>host</td></tr>
 *   <tr><td>WEBSOCKET_PORT</td><td>the service's port</td><td>0..65535</td></tr>
 *   <tr><td>ANALYZER_MAX_CONCURRENT_ANALYSES</td><td>8</td><td>1..10000</td></tr>
 *   <tr><td>ANALYZER_MAX_FRAME_BYTES</td><td>104857600 (100 MiB)</td><td>1024..1073741824</td></tr>
 *   <tr><td>ANALYZER_AUTH_TOKEN</td><td>none (no auth)</td><td>8+ characters, no spaces</td></tr>
 *   <tr><td>ANALYZER_AUTH_TOKEN_FILE</td><td>none</td><td>a readable UTF-8 file of at most 64 KiB, not with ANALYZER_AUTH_TOKEN</td></tr>
 *   <tr><td>ANALYZER_SOURCE_ROOTS</td><td>the working directory</td><td>existing directories, ':'-separated</td></tr>
 *   <tr><td>ANALYZER_SHUTDOWN_GRACE</td><td>30 s</td><td>0..3600 s</td></tr>
 *   <tr><td>ANALYZER_ANALYSIS_TIMEOUT</td><td>900 s</td><td>1..86400 s</td></tr>
 *   <tr><td>ANALYZER_PING_INTERVAL</td><td>20 s</td><td>0 (off)..3600 s</td></tr>
 *   <tr><td>ANALYZER_DEFLATE_LEVEL</td><td>6</td><td>0..9</td></tr>
 *   <tr><td>ANALYZER_DEFLATE_THRESHOLD</td><td>1024 bytes</td><td>0..1073741824</td></tr>
 *   <tr><td>ANALYZER_MAX_REQUEST_BYTES</td><td>1048576 (1 MiB)</td><td>1024..ANALYZER_MAX_FRAME_BYTES</td></tr>
 *   <tr><td>ANALYZER_MAX_CONNECTIONS_PER_SERVICE</td><td>1024</td><td>1..100000</td></tr>
 *   <tr><td>ANALYZER_ALLOWED_ORIGINS</td><td>none</td><td>comma list of exact origins, or *</td></tr>
 *   <tr><td>ANALYZER_PATH_MAP</td><td>none</td><td>comma list of prefix=directory</td></tr>
 *   <tr><td>ANALYZER_MAX_QUEUED_ANALYSES</td><td>256</td><td>0..100000</td></tr>
 *   <tr><td>GATEWAY_URL</td><td>none (off)</td><td>a ws:// or wss:// URL</td></tr>
 *   <tr><td>ANALYZER_GATEWAY_QUEUE_SIZE</td><td>1000</td><td>1..1000000</td></tr>
 * </table>
 *
 * @param host the interface to bind
 * @param port the TCP port (0 picks a free one)
 * @param maxConcurrentAnalyses analyses running at once; more wait in the queue ({@code maxQueuedAnalyses})
 * @param maxFrameBytes the largest WebSocket frame or message accepted (larger closes with 1009)
 * @param authToken bearer token required on the handshake, or {@code null} for none
 * @param sourceRoots directories that {@code source_path} must lie under
 * @param shutdownGrace how long in-flight analyses get to finish on shutdown
 * @param analysisTimeout the deadline of a request that names none
 * @param pingInterval server pings an idle connection after this; 3 silent intervals close it; zero disables
 * @param compression which outgoing messages are deflated (see {@link CompressionSettings})
 * @param maxRequestBytes the largest complete message a peer may send, counted after inflation
 *     (permessage-deflate); larger closes with 1009. Capped at {@code maxFrameBytes}, which bounds
 *     what the service sends ({@link #inboundMessageLimit()})
 * @param maxConnections WebSocket connections open at once; a handshake beyond gets HTTP 503
 * @param allowedOrigins the {@code Origin} values a handshake may carry ({@code *} for any); a
 *     handshake with another Origin gets HTTP 403 (browsers send one, our clients send none)
 * @param pathMap prefixes of a request's {@code source_path} mapped onto real directories before the
 *     source-root check ({@link PathMap}); the mapped path must still lie under a root
 * @param maxQueuedAnalyses analyses beyond {@code maxConcurrentAnalyses} that wait, first come first
 *     served, with a {@code queued} progress frame; beyond these the answer is {@code busy}; 0 queues none
 * @param gatewayUrl where progress events are also sent in the original's shape, or {@code null}
 *     for nowhere; best effort, never slowing an analysis
 * @param gatewayQueueSize progress events waiting for the gateway; when full the oldest is dropped
 */
public record ServiceSettings(String host, int port, int maxConcurrentAnalyses, int maxFrameBytes,
    String authToken, List<Path> sourceRoots, Duration shutdownGrace, Duration analysisTimeout,
    Duration pingInterval, CompressionSettings compression, int maxRequestBytes, int maxConnections,
    List<String> allowedOrigins, PathMap pathMap, int maxQueuedAnalyses, URI gatewayUrl, int gatewayQueueSize) {

  public static final String MAX_CONCURRENT_ANALYSES = "ANALYZER_MAX_CONCURRENT_ANALYSES";
  public static final String MAX_FRAME_BYTES = "ANALYZER_MAX_FRAME_BYTES";
  public static final String AUTH_TOKEN = "ANALYZER_AUTH_TOKEN";
  /** The file holding the token instead of {@link #AUTH_TOKEN} (trimmed); see {@link Secrets}. */
  public static final String AUTH_TOKEN_FILE = AUTH_TOKEN + Secrets.FILE_SUFFIX;
  public static final String SOURCE_ROOTS = "ANALYZER_SOURCE_ROOTS";
  public static final String SHUTDOWN_GRACE = "ANALYZER_SHUTDOWN_GRACE";
  public static final String ANALYSIS_TIMEOUT = "ANALYZER_ANALYSIS_TIMEOUT";
  public static final String PING_INTERVAL = "ANALYZER_PING_INTERVAL";
  public static final String MAX_REQUEST_BYTES = "ANALYZER_MAX_REQUEST_BYTES";
  public static final String MAX_CONNECTIONS = "ANALYZER_MAX_CONNECTIONS_PER_SERVICE";
  public static final String ALLOWED_ORIGINS = "ANALYZER_ALLOWED_ORIGINS";
  public static final String PATH_MAP = "ANALYZER_PATH_MAP";
  public static final String MAX_QUEUED_ANALYSES = "ANALYZER_MAX_QUEUED_ANALYSES";
  /** The original's name for where progress events go (its default was ws://localhost:8765; ours is off). */
  public static final String GATEWAY_URL = "GATEWAY_URL";
  public static final String GATEWAY_QUEUE_SIZE = "ANALYZER_GATEWAY_QUEUE_SIZE";

  public static final int DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024;
  public static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  public static final int DEFAULT_MAX_QUEUED_ANALYSES = 256;
  public static final int DEFAULT_GATEWAY_QUEUE_SIZE = 1000;
  /** The {@link #allowedOrigins()} entry that allows any origin. */
  public static final String ANY_ORIGIN = "*";
  /** The options of these settings (name, default, bound, meaning), in README order. */
  public static final dev.analyzer.core.settings.OptionTable OPTIONS = ServiceOptions.TABLE;

  public ServiceSettings {
    new ListenSettings(host, port);
    ServiceOptions.MAX_CONCURRENT_ANALYSES.check(maxConcurrentAnalyses);
    ServiceOptions.MAX_FRAME_BYTES.check(maxFrameBytes);
    // Not AUTH_TOKEN.check(): its message would print the token.
    if (authToken != null && (authToken.length() < 8 || authToken.chars().anyMatch(Character::isWhitespace))) {
      throw new SettingsException(AUTH_TOKEN, AUTH_TOKEN + " must be at least 8 characters without spaces, got "
          + authToken.length() + " characters");
    }
    if (sourceRoots == null || sourceRoots.isEmpty()) {
      throw new SettingsException(SOURCE_ROOTS, SOURCE_ROOTS + " must name at least one directory");
    }
    List<Path> roots = new ArrayList<>();
    for (Path root : sourceRoots) {
      if (!Files.isDirectory(root)) {
        throw new SettingsException(SOURCE_ROOTS, SOURCE_ROOTS + " must name existing directories, got " + root);
      }
      try {
        roots.add(root.toRealPath());
      } catch (java.io.IOException e) {
        throw new SettingsException(SOURCE_ROOTS, SOURCE_ROOTS + " directory is not readable: " + root);
      }
    }
    sourceRoots = List.copyOf(roots);
    ServiceOptions.SHUTDOWN_GRACE.check(shutdownGrace);
    ServiceOptions.ANALYSIS_TIMEOUT.check(analysisTimeout);
    ServiceOptions.PING_INTERVAL.check(pingInterval);
    if (compression == null) {
      throw new SettingsException(CompressionSettings.LEVEL, "compression settings must not be null");
    }
    ServiceOptions.MAX_REQUEST_BYTES.check(maxRequestBytes);
    ServiceOptions.MAX_CONNECTIONS.check(maxConnections);
    allowedOrigins = ServiceOptions.origins(allowedOrigins);
    if (pathMap == null) {
      throw new SettingsException(PATH_MAP, PATH_MAP + " must not be null (use PathMap.none())");
    }
    ServiceOptions.MAX_QUEUED_ANALYSES.check(maxQueuedAnalyses);
    ServiceOptions.GATEWAY_URL.check(gatewayUrl);
    ServiceOptions.GATEWAY_QUEUE_SIZE.check(gatewayQueueSize);
  }

  /**
   * The settings before {@code pathMap}, {@code maxQueuedAnalyses} and the gateway existed; those
   * take their defaults (no path map, 256 queued, no gateway).
   */
  public ServiceSettings(String host, int port, int maxConcurrentAnalyses, int maxFrameBytes, String authToken,
      List<Path> sourceRoots, Duration shutdownGrace, Duration analysisTimeout, Duration pingInterval,
      CompressionSettings compression, int maxRequestBytes, int maxConnections, List<String> allowedOrigins) {
    this(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots, shutdownGrace, analysisTimeout,
        pingInterval, compression, maxRequestBytes, maxConnections, allowedOrigins, PathMap.none(),
        DEFAULT_MAX_QUEUED_ANALYSES, null, DEFAULT_GATEWAY_QUEUE_SIZE);
  }

  /**
   * The settings before {@code maxRequestBytes}, {@code maxConnections} and {@code allowedOrigins}
   * existed; those take their defaults.
   */
  public ServiceSettings(String host, int port, int maxConcurrentAnalyses, int maxFrameBytes, String authToken,
      List<Path> sourceRoots, Duration shutdownGrace, Duration analysisTimeout, Duration pingInterval,
      CompressionSettings compression) {
    this(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots, shutdownGrace, analysisTimeout,
        pingInterval, compression, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_CONNECTIONS, List.of(), PathMap.none(),
        DEFAULT_MAX_QUEUED_ANALYSES, null, DEFAULT_GATEWAY_QUEUE_SIZE);
  }

  /** The largest inbound message, after inflation: the smaller of {@code maxRequestBytes} and {@code maxFrameBytes}. */
  public int inboundMessageLimit() {
    return Math.min(maxRequestBytes, maxFrameBytes);
  }

  /** True when a handshake carrying {@code origin} is allowed; a handshake without one always is. */
  public boolean allowsOrigin(String origin) {
    if (origin == null) {
      return true;
    }
    String o = origin.trim().toLowerCase(java.util.Locale.ROOT);
    return allowedOrigins.contains(ANY_ORIGIN) || allowedOrigins.contains(o);
  }

  /** The defaults for a service listening on {@code defaultPort}. */
  public static ServiceSettings defaults(int defaultPort) {
    return new ServiceSettings(ListenSettings.DEFAULT_HOST, defaultPort,
        ServiceOptions.MAX_CONCURRENT_ANALYSES.defaultValue(), ServiceOptions.MAX_FRAME_BYTES.defaultValue(),
        ServiceOptions.AUTH_TOKEN.defaultValue(), List.of(Path.of("").toAbsolutePath()),
        ServiceOptions.SHUTDOWN_GRACE.defaultValue(), ServiceOptions.ANALYSIS_TIMEOUT.defaultValue(),
        ServiceOptions.PING_INTERVAL.defaultValue(), CompressionSettings.defaults(),
        ServiceOptions.MAX_REQUEST_BYTES.defaultValue(), ServiceOptions.MAX_CONNECTIONS.defaultValue(),
        ServiceOptions.ALLOWED_ORIGINS.defaultValue(), ServiceOptions.PATH_MAP.defaultValue(),
        ServiceOptions.MAX_QUEUED_ANALYSES.defaultValue(), ServiceOptions.GATEWAY_URL.defaultValue(),
        ServiceOptions.GATEWAY_QUEUE_SIZE.defaultValue());
  }

  /**
   * The defaults overridden by {@code env}.
   *
   * @throws SettingsException naming the first variable with a bad value
   */
  public static ServiceSettings fromEnvironment(Environment env, int defaultPort) {
    ServiceSettings d = defaults(defaultPort);
    ListenSettings listen = ListenSettings.fromEnvironment(env, defaultPort);
    int maxFrame = ServiceOptions.MAX_FRAME_BYTES.read(env);
    List<Path> roots = ServiceOptions.SOURCE_ROOTS.read(env);
    return new ServiceSettings(listen.host(), listen.port(), ServiceOptions.MAX_CONCURRENT_ANALYSES.read(env),
        maxFrame, authToken(env), roots == null ? d.sourceRoots : roots,
        ServiceOptions.SHUTDOWN_GRACE.read(env), ServiceOptions.ANALYSIS_TIMEOUT.read(env),
        ServiceOptions.PING_INTERVAL.read(env), CompressionSettings.fromEnvironment(env),
        Math.min(ServiceOptions.MAX_REQUEST_BYTES.read(env), maxFrame), ServiceOptions.MAX_CONNECTIONS.read(env),
        ServiceOptions.ALLOWED_ORIGINS.read(env), ServiceOptions.PATH_MAP.read(env),
        ServiceOptions.MAX_QUEUED_ANALYSES.read(env), ServiceOptions.GATEWAY_URL.read(env),
        ServiceOptions.GATEWAY_QUEUE_SIZE.read(env));
  }

  /** The token from ANALYZER_AUTH_TOKEN or the file ANALYZER_AUTH_TOKEN_FILE names ({@link Secrets}), or null. */
  private static String authToken(Environment env) {
    return Secrets.from(env).optional(AUTH_TOKEN).map(Secret::reveal).orElse(null);
  }

  public ServiceSettings withHost(String host) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, compression, maxRequestBytes,
        maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  public ServiceSettings withPort(int port) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, compression, maxRequestBytes,
        maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  public ServiceSettings withMaxConcurrentAnalyses(int n) {
    return new ServiceSettings(host, port, n, maxFrameBytes, authToken, sourceRoots, shutdownGrace,
        analysisTimeout, pingInterval, compression, maxRequestBytes,
        maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  public ServiceSettings withMaxFrameBytes(int bytes) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, bytes, authToken, sourceRoots, shutdownGrace,
        analysisTimeout, pingInterval, compression, maxRequestBytes,
        maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  public ServiceSettings withAuthToken(String token) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, token, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, compression, maxRequestBytes,
        maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  public ServiceSettings withSourceRoots(List<Path> roots) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, roots,
        shutdownGrace, analysisTimeout, pingInterval, compression, maxRequestBytes,
        maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  public ServiceSettings withShutdownGrace(Duration grace) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots, grace,
        analysisTimeout, pingInterval, compression, maxRequestBytes,
        maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  public ServiceSettings withAnalysisTimeout(Duration timeout) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, timeout, pingInterval, compression, maxRequestBytes,
        maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  public ServiceSettings withPingInterval(Duration interval) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, interval, compression, maxRequestBytes,
        maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  public ServiceSettings withCompression(CompressionSettings c) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, c, maxRequestBytes,
        maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  /** These settings with another cap on inbound messages (see {@link #maxRequestBytes()}). */
  public ServiceSettings withMaxRequestBytes(int bytes) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, compression, bytes, maxConnections, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  /** These settings with another cap on open connections (see {@link #maxConnections()}). */
  public ServiceSettings withMaxConnections(int n) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, compression, maxRequestBytes, n, allowedOrigins, pathMap, maxQueuedAnalyses,
        gatewayUrl, gatewayQueueSize);
  }

  /** These settings with other allowed handshake origins (see {@link #allowedOrigins()}). */
  public ServiceSettings withAllowedOrigins(List<String> origins) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, compression, maxRequestBytes, maxConnections, origins, pathMap,
        maxQueuedAnalyses, gatewayUrl, gatewayQueueSize);
  }

  /** These settings with another path map (see {@link #pathMap()}). */
  public ServiceSettings withPathMap(PathMap map) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, compression, maxRequestBytes, maxConnections, allowedOrigins,
        map, maxQueuedAnalyses, gatewayUrl, gatewayQueueSize);
  }

  /** These settings with another bound on waiting analyses (see {@link #maxQueuedAnalyses()}). */
  public ServiceSettings withMaxQueuedAnalyses(int n) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, compression, maxRequestBytes, maxConnections, allowedOrigins,
        pathMap, n, gatewayUrl, gatewayQueueSize);
  }

  /** These settings with progress also sent to {@code url} ({@code null}: nowhere), see {@link #gatewayUrl()}. */
  public ServiceSettings withGateway(URI url) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, compression, maxRequestBytes, maxConnections, allowedOrigins,
        pathMap, maxQueuedAnalyses, url, gatewayQueueSize);
  }

  /** These settings with another bound on progress events waiting for the gateway. */
  public ServiceSettings withGatewayQueueSize(int events) {
    return new ServiceSettings(host, port, maxConcurrentAnalyses, maxFrameBytes, authToken, sourceRoots,
        shutdownGrace, analysisTimeout, pingInterval, compression, maxRequestBytes, maxConnections, allowedOrigins,
        pathMap, maxQueuedAnalyses, gatewayUrl, events);
  }

  @Override
  public String toString() {
    return "ServiceSettings[host=" + host + ", port=" + port + ", maxConcurrentAnalyses=" + maxConcurrentAnalyses
        + ", maxFrameBytes=" + maxFrameBytes + ", authToken=" + (authToken == null ? "none" : "***")
        + ", sourceRoots=" + sourceRoots + ", shutdownGrace=" + shutdownGrace + ", analysisTimeout="
        + analysisTimeout + ", pingInterval=" + pingInterval + ", compression=" + compression + ", maxRequestBytes="
        + maxRequestBytes + ", maxConnections=" + maxConnections + ", allowedOrigins=" + allowedOrigins
        + ", pathMap=" + pathMap + ", maxQueuedAnalyses=" + maxQueuedAnalyses + ", gateway="
        + (gatewayUrl == null ? "none" : gatewayUrl.getScheme() + "://" + gatewayUrl.getHost()
            + (gatewayUrl.getPort() > 0 ? ":" + gatewayUrl.getPort() : ""))
        + ", gatewayQueueSize=" + gatewayQueueSize + "]";
  }
}
