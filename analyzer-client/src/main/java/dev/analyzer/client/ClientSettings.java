package dev.analyzer.client;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.settings.CompressionSettings;
import dev.analyzer.core.settings.ConnectionSettings;
import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.queue.QueueSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an {@link AnalyzerClient} is configured with, validated on construction.
 *
 * <table>
 *   <caption>Variables (besides the pool and breaker ones of {@link ConnectionSettings})</caption>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>STATIC_ANALYZER_URLS (or _URL)</td><td>ws://127.0.0.1:2001</td></tr>
 *   <tr><td>DYNAMIC_ANALYZER_URLS (or _URL)</td><td>ws://127.0.0.1:2002</td></tr>
 *   <tr><td>PERF_TESTER_URLS (or _URL)</td><td>ws://127.0.0.1:2003</td></tr>
 *   <tr><td>AI_ANALYZER_URLS (or _URL)</td><td>ws://127.0.0.1:2004</td></tr>
 *   <tr><td>STATIC_ANALYSIS_TIMEOUT</td><td>480 s</td></tr>
 *   <tr><td>DYNAMIC_ANALYSIS_TIMEOUT</td><td>600 s</td></tr>
 *   <tr><td>PERFORMANCE_TEST_TIMEOUT</td><td>600 s</td></tr>
 *   <tr><td>AI_ANALYSIS_TIMEOUT</td><td>900 s</td></tr>
 *   <tr><td>ANALYZER_AUTH_TOKEN</td><td>none: sent as a bearer token when set</td></tr>
 *   <tr><td>ANALYZER_DEFLATE_LEVEL, ANALYZER_DEFLATE_THRESHOLD</td><td>6, 1024 bytes (see {@link CompressionSettings})</td></tr>
 *   <tr><td>ANALYZER_CLIENT_PING_INTERVAL</td><td>15 s; 0 (off) or 0.05..3600 s</td></tr>
 *   <tr><td>ANALYZER_REPLICA_REFRESH</td><td>30 s; 0 (resolve once) or 1..86400 s</td></tr>
 *   <tr><td>ANALYZER_QUEUE_URL (and the other ANALYZER_QUEUE_* of {@link QueueSettings})</td><td>unset:
 *       analyses go to the WebSocket replicas; set: through the queue</td></tr>
 * </table>
 *
 * @param connection pool and circuit-breaker settings
 * @param replicas replica URLs per service, each list non-empty
 * @param timeouts the default deadline of an analysis per service
 * @param authToken bearer token for the handshake, or {@code null}
 * @param maxFrameBytes largest frame or message accepted from a service (default 100 MiB)
 * @param cancelGrace after a cancel, how long the connection waits for the service's own reply
 * @param compression which requests are deflated: smaller than the threshold go uncompressed
 * @param pingInterval liveness of analysis connections: one silent for this long gets a WebSocket
 *     ping, and one that then stays silent (no pong, no frame) for as long again is closed and the
 *     analysis moves to the next replica as a replica failure; {@link Duration#ZERO} turns it off
 * @param replicaRefresh how often replica host names are resolved again (a name with several
 *     addresses is one replica per address); {@link Duration#ZERO}: once, when the client is built
 * @param queue the NATS JetStream queue analyses are submitted through (queue mode), or {@code null}
 *     for the WebSocket replicas; ping and health always use the replicas
 */
public record ClientSettings(ConnectionSettings connection, Map<AnalysisKind, List<URI>> replicas,
    Map<AnalysisKind, Duration> timeouts, String authToken, int maxFrameBytes, Duration cancelGrace,
    CompressionSettings compression, Duration pingInterval, Duration replicaRefresh, QueueSettings queue) {

  public static final String REPLICA_REFRESH = "ANALYZER_REPLICA_REFRESH";
  public static final Duration DEFAULT_REPLICA_REFRESH = Duration.ofSeconds(30);
  public static final String PING_INTERVAL = "ANALYZER_CLIENT_PING_INTERVAL";
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);
  static final Duration MIN_PING_INTERVAL = ClientOptions.MIN_PING_INTERVAL;
  static final Duration MAX_PING_INTERVAL = ClientOptions.MAX_PING_INTERVAL;
  public static final int DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024;

  public ClientSettings {
    if (connection == null) {
      throw new IllegalArgumentException("connection settings are required");
    }
    Map<AnalysisKind, List<URI>> r = new EnumMap<>(AnalysisKind.class);
    for (AnalysisKind k : AnalysisKind.values()) {
      List<URI> urls = replicas == null ? null : replicas.get(k);
      String variable = ClientOptions.REPLICAS.get(k).name();
      if (urls == null || urls.isEmpty()) {
        throw new SettingsException(variable, variable + " must name at least one ws:// URL");
      }
      for (URI u : urls) {
        checkUrl(u, variable);
      }
      r.put(k, List.copyOf(urls));
    }
    replicas = Map.copyOf(r);
    Map<AnalysisKind, Duration> t = new EnumMap<>(AnalysisKind.class);
    for (AnalysisKind k : AnalysisKind.values()) {
      t.put(k, ClientOptions.TIMEOUTS.get(k).check(timeouts == null ? null : timeouts.get(k)));
    }
    timeouts = Map.copyOf(t);
    if (authToken != null && authToken.isBlank()) {
      authToken = null;
    }
    if (maxFrameBytes < 1024) {
      throw new IllegalArgumentException("maxFrameBytes must be >= 1024, got " + maxFrameBytes);
    }
    if (cancelGrace == null || cancelGrace.isNegative()) {
      throw new IllegalArgumentException("cancelGrace must be >= 0, got " + cancelGrace);
    }
    if (compression == null) {
      throw new IllegalArgumentException("compression settings are required");
    }
    ClientOptions.PING_INTERVAL.check(pingInterval);
    ClientOptions.REPLICA_REFRESH.check(replicaRefresh);
  }

  /** The defaults: the robustness guide's pool and breaker values, one local replica per service. */
  public static ClientSettings defaults() {
    return fromEnvironment(Environment.of(Map.of()));
  }

  /**
   * The defaults overridden by {@code env}.
   *
   * @throws SettingsException naming the first variable with a bad value
   */
  public static ClientSettings fromEnvironment(Environment env) {
    EnvReader r = new EnvReader(env);
    Map<AnalysisKind, List<URI>> replicas = new EnumMap<>(AnalysisKind.class);
    Map<AnalysisKind, Duration> timeouts = new EnumMap<>(AnalysisKind.class);
    for (AnalysisKind k : AnalysisKind.values()) {
      replicas.put(k, ClientOptions.replicas(r, k));
      timeouts.put(k, ClientOptions.TIMEOUTS.get(k).read(env));
    }
    return new ClientSettings(ConnectionSettings.fromEnvironment(env), replicas, timeouts,
        ClientOptions.authToken(env), DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(5),
        CompressionSettings.fromEnvironment(env), ClientOptions.PING_INTERVAL.read(env),
        ClientOptions.REPLICA_REFRESH.read(env), QueueSettings.fromEnvironment(env).orElse(null));
  }

  /** A comma list of ws:// or wss:// URLs, as the original's *_URLS variables. */
  static List<URI> parseUrls(String variable, String raw) {
    List<URI> out = new ArrayList<>();
    for (String part : raw.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      URI u;
      try {
        u = new URI(p);
      } catch (java.net.URISyntaxException e) {
        throw new SettingsException(variable, variable + " has an invalid URL '" + p + "': " + e.getReason());
      }
      checkUrl(u, variable);
      out.add(u);
    }
    if (out.isEmpty()) {
      throw new SettingsException(variable, variable + " must name at least one ws:// URL, got '" + raw + "'");
    }
    return out;
  }

  private static void checkUrl(URI u, String variable) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new SettingsException(variable, variable + " URLs must start with ws:// or wss://, got '" + u + "'");
    }
    if (u.getHost() == null || u.getPort() == 0) {
      throw new SettingsException(variable, variable + " URLs need a host (and a port), got '" + u + "'");
    }
  }

  public ClientSettings withConnection(ConnectionSettings c) {
    return new ClientSettings(c, replicas, timeouts, authToken, maxFrameBytes, cancelGrace, compression,
        pingInterval, replicaRefresh, queue);
  }

  /** These settings with {@code urls} as the replicas of {@code kind}. */
  public ClientSettings withReplicas(AnalysisKind kind, List<URI> urls) {
    Map<AnalysisKind, List<URI>> r = new EnumMap<>(replicas);
    r.put(kind, urls);
    return new ClientSettings(connection, r, timeouts, authToken, maxFrameBytes, cancelGrace, compression,
        pingInterval, replicaRefresh, queue);
  }

  public ClientSettings withTimeout(AnalysisKind kind, Duration timeout) {
    Map<AnalysisKind, Duration> t = new EnumMap<>(timeouts);
    t.put(kind, timeout);
    return new ClientSettings(connection, replicas, t, authToken, maxFrameBytes, cancelGrace, compression,
        pingInterval, replicaRefresh, queue);
  }

  public ClientSettings withAuthToken(String token) {
    return new ClientSettings(connection, replicas, timeouts, token, maxFrameBytes, cancelGrace, compression,
        pingInterval, replicaRefresh, queue);
  }

  public ClientSettings withCancelGrace(Duration grace) {
    return new ClientSettings(connection, replicas, timeouts, authToken, maxFrameBytes, grace, compression,
        pingInterval, replicaRefresh, queue);
  }

  public ClientSettings withCompression(CompressionSettings c) {
    return new ClientSettings(connection, replicas, timeouts, authToken, maxFrameBytes, cancelGrace, c,
        pingInterval, replicaRefresh, queue);
  }

  /** These settings with {@code interval} as ANALYZER_CLIENT_PING_INTERVAL ({@link Duration#ZERO}: off). */
  public ClientSettings withPingInterval(Duration interval) {
    return new ClientSettings(connection, replicas, timeouts, authToken, maxFrameBytes, cancelGrace, compression,
        interval, replicaRefresh, queue);
  }

  /** These settings with {@code refresh} as ANALYZER_REPLICA_REFRESH ({@link Duration#ZERO}: resolve once). */
  public ClientSettings withReplicaRefresh(Duration refresh) {
    return new ClientSettings(connection, replicas, timeouts, authToken, maxFrameBytes, cancelGrace, compression,
        pingInterval, refresh, queue);
  }

  /**
   * These settings with {@code queue} as the transport of analyses ({@code null}: the WebSocket
   * replicas).
   */
  public ClientSettings withQueue(QueueSettings queue) {
    return new ClientSettings(connection, replicas, timeouts, authToken, maxFrameBytes, cancelGrace, compression,
        pingInterval, replicaRefresh, queue);
  }

  /** True when analyses go through the queue ({@link #queue()} is set). */
  public boolean queueMode() {
    return queue != null;
  }

  @Override
  public String toString() {
    return "ClientSettings[connection=" + connection + ", replicas=" + replicas + ", timeouts=" + timeouts
        + ", authToken=" + (authToken == null ? "none" : "***") + ", maxFrameBytes=" + maxFrameBytes
        + ", cancelGrace=" + cancelGrace + ", compression=" + compression + ", pingInterval=" + pingInterval
        + ", replicaRefresh=" + replicaRefresh + ", queue=" + (queue == null ? "off" : queue) + "]";
  }
}
