package dev.analyzer.service;

import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import dev.analyzer.core.settings.SettingsException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The options of the service base (name, default, bound, meaning), declared once: {@link ServiceSettings}
 * reads and checks its values through them, and {@link #TABLE} is what the README's table must
 * match. {@code WEBSOCKET_HOST}/{@code WEBSOCKET_PORT} are core's {@code ListenSettings} and the
 * deflate options core's {@code CompressionSettings.OPTIONS}. Immutable and thread-safe.
 */
public final class ServiceOptions {

  static final int MAX_BYTES = 1024 * 1024 * 1024;
  private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s?#@]+|null");

  public static final Option<Integer> MAX_CONCURRENT_ANALYSES = Option.integer(ServiceSettings.MAX_CONCURRENT_ANALYSES,
      8, 1, 10_000, "analyses running at once; more wait in the queue (`ANALYZER_MAX_QUEUED_ANALYSES`)");
  public static final Option<Integer> MAX_FRAME_BYTES = Option.integer(ServiceSettings.MAX_FRAME_BYTES,
      ServiceSettings.DEFAULT_MAX_FRAME_BYTES, 1024, MAX_BYTES, "the largest message the service sends (and the "
          + "ceiling of `ANALYZER_MAX_REQUEST_BYTES`)");
  public static final Option<Integer> MAX_REQUEST_BYTES = Option.custom(ServiceSettings.MAX_REQUEST_BYTES,
      ServiceSettings.DEFAULT_MAX_REQUEST_BYTES, "1048576 (1 MiB)", "1024..`ANALYZER_MAX_FRAME_BYTES`",
      "the largest complete message a peer may send, after inflation; larger closes with 1009",
      (r, n) -> r.intIn(n, 0, 1024, r.intIn(MAX_FRAME_BYTES.name(), MAX_FRAME_BYTES.defaultValue(), 1024, MAX_BYTES)),
      v -> v != null && v >= 1024 && v <= MAX_BYTES);
  public static final Option<Integer> MAX_CONNECTIONS = Option.integer(ServiceSettings.MAX_CONNECTIONS,
      ServiceSettings.DEFAULT_MAX_CONNECTIONS, 1, 100_000, "WebSocket connections open at once; a handshake "
          + "beyond gets HTTP 503");
  public static final Option<String> AUTH_TOKEN = Option.custom(ServiceSettings.AUTH_TOKEN, null, "none (no auth)",
      "8+ characters, no spaces", "bearer token the handshake must carry (`Authorization: Bearer ...`)",
      (r, n) -> r.raw(n), t -> t == null || (t.length() >= 8 && t.chars().noneMatch(Character::isWhitespace)));
  /**
   * Documents the file form of {@link #AUTH_TOKEN} (read through {@code Secrets}, not through this
   * option's parser). Not in {@link #TABLE} until the README has its row.
   */
  public static final Option<String> AUTH_TOKEN_FILE = Option.custom(ServiceSettings.AUTH_TOKEN_FILE, null, "none",
      "a readable UTF-8 file of at most 64 KiB; not with `ANALYZER_AUTH_TOKEN`", "file holding the bearer token "
          + "(trimmed), instead of `ANALYZER_AUTH_TOKEN`; an unreadable file stops the service at start, naming it",
      (r, n) -> r.raw(n), t -> true);
  public static final Option<List<Path>> SOURCE_ROOTS = Option.custom(ServiceSettings.SOURCE_ROOTS, null,
      "the working directory", "existing directories, `:`-separated", "every path a request names must "
          + "lie under one, after `..` and symlinks are resolved", ServiceOptions::paths, v -> v != null && !v.isEmpty());
  public static final Option<List<String>> ALLOWED_ORIGINS = Option.custom(ServiceSettings.ALLOWED_ORIGINS,
      List.of(), "none", "comma list of exact origins, or `*`", "`Origin`s a handshake may carry (browser pages); "
          + "others get HTTP 403, handshakes without Origin always pass", (r, n) -> origins(List.of(r.raw(n).split(","))),
      v -> true);
  public static final Option<Duration> SHUTDOWN_GRACE = Option.seconds(ServiceSettings.SHUTDOWN_GRACE,
      Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1), "on SIGTERM, how long in-flight analyses get to "
          + "finish; the process is halted 15 s after it at the latest");
  public static final Option<Duration> ANALYSIS_TIMEOUT = Option.seconds(ServiceSettings.ANALYSIS_TIMEOUT,
      Duration.ofSeconds(900), Duration.ofSeconds(1), Duration.ofDays(1), "the deadline of an analysis; "
          + "`timeout_seconds` may lower it, never raise it");
  public static final Option<Duration> PING_INTERVAL = Option.seconds(ServiceSettings.PING_INTERVAL,
      Duration.ofSeconds(20), Duration.ZERO, Duration.ofHours(1), "the server pings a silent connection; 3 silent "
          + "intervals close it; 0 disables");

  public static final Option<Integer> MAX_QUEUED_ANALYSES = Option.integer(ServiceSettings.MAX_QUEUED_ANALYSES,
      ServiceSettings.DEFAULT_MAX_QUEUED_ANALYSES, 0, 100_000, "analyses beyond `ANALYZER_MAX_CONCURRENT_ANALYSES` "
          + "wait here in arrival order (a `progress_update` with stage `queued` tells each its position); more get "
          + "`busy`; 0 queues none");
  public static final Option<PathMap> PATH_MAP = Option.custom(ServiceSettings.PATH_MAP, PathMap.none(), "none",
      "comma list of `prefix=directory`", "prefixes of a request's `source_path` mapped onto existing directories "
          + "before the source-root check (longest prefix wins, whole segments only)",
      (r, n) -> PathMap.parse(n, r.raw(n)), v -> v != null);
  public static final Option<URI> GATEWAY_URL = Option.custom(ServiceSettings.GATEWAY_URL, null, "none (off)",
      "a ws:// or wss:// URL", "progress events are also sent there in the original's gateway shape, "
          + "best effort over one connection", (r, n) -> gatewayUrl(n, r.raw(n)), ServiceOptions::validGateway);
  public static final Option<Integer> GATEWAY_QUEUE_SIZE = Option.integer(ServiceSettings.GATEWAY_QUEUE_SIZE,
      ServiceSettings.DEFAULT_GATEWAY_QUEUE_SIZE, 1, 1_000_000, "progress events waiting for the gateway; "
          + "when full the oldest is dropped and counted");

  /** Every option of the service base, in README order. */
  public static final OptionTable TABLE = OptionTable.of("service base", MAX_CONCURRENT_ANALYSES,
      MAX_QUEUED_ANALYSES, MAX_FRAME_BYTES, MAX_REQUEST_BYTES, MAX_CONNECTIONS, AUTH_TOKEN, AUTH_TOKEN_FILE,
      SOURCE_ROOTS, PATH_MAP, ALLOWED_ORIGINS, SHUTDOWN_GRACE, ANALYSIS_TIMEOUT, PING_INTERVAL, GATEWAY_URL,
      GATEWAY_QUEUE_SIZE);

  private ServiceOptions() {}

  /** The allowed origins, lower-cased without a trailing slash, duplicates dropped; blanks skipped. */
  static List<String> origins(List<String> given) {
    List<String> out = new ArrayList<>();
    for (String raw : given == null ? List.<String>of() : given) {
      if (raw == null || raw.isBlank()) {
        if (raw == null) {
          throw badOrigin(null);
        }
        continue;
      }
      String o = raw.trim().toLowerCase(Locale.ROOT);
      if (o.endsWith("/")) {
        o = o.substring(0, o.length() - 1);
      }
      if (!o.equals(ServiceSettings.ANY_ORIGIN) && !ORIGIN.matcher(o).matches()) {
        throw badOrigin(raw);
      }
      if (!out.contains(o)) {
        out.add(o);
      }
    }
    return List.copyOf(out);
  }

  private static SettingsException badOrigin(String raw) {
    return new SettingsException(ServiceSettings.ALLOWED_ORIGINS, ServiceSettings.ALLOWED_ORIGINS
        + " must list origins such as http://localhost:3000 (scheme://host[:port], no path) or *, got '" + raw + "'");
  }

  static URI gatewayUrl(String name, String raw) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (java.net.URISyntaxException e) {
      throw new SettingsException(name, name + " must be a ws:// or wss:// URL, got '" + raw + "'");
    }
    if (!validGateway(uri)) {
      throw new SettingsException(name, name + " must be a ws:// or wss:// URL with a host, got '" + raw + "'");
    }
    return uri;
  }

  private static boolean validGateway(URI uri) {
    return uri == null || (uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("ws")
        || uri.getScheme().equalsIgnoreCase("wss")) && uri.getHost() != null && uri.getRawUserInfo() == null);
  }

  private static List<Path> paths(EnvReader r, String name) {
    List<Path> out = new ArrayList<>();
    for (String part : r.raw(name).split("[:,]")) {
      if (!part.isBlank()) {
        try {
          out.add(Path.of(part.trim()));
        } catch (InvalidPathException e) {
          throw new SettingsException(name, name + " must name existing directories, got " + part.trim());
        }
      }
    }
    return out;
  }
}
