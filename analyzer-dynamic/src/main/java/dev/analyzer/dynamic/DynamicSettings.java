package dev.analyzer.dynamic;

import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.dynamic.scan.ScanConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The dynamic service's settings: the scan defaults and caps (a request's {@code config} may lower
 * them, never raise them past these), tool timeouts and the optional ZAP daemon.
 *
 * @param appsDir {@code ANALYZER_APPS_DIR}: where {@code {model_slug}/app{N}} apps live (for {@code .env} ports)
 * @param scanDefaults the scan defaults (and caps) from the {@code ANALYZER_DYNAMIC_*} variables
 * @param toolTimeout {@code ANALYZER_DYNAMIC_TOOL_TIMEOUT}: per external tool
 * @param zapApiUrl {@code ZAP_API_URL}: a ZAP daemon's API, or null
 * @param zapApiKeyVariable the name of the variable holding the ZAP key ({@code ZAP_API_KEY})
 */
public record DynamicSettings(Path appsDir, ScanConfig scanDefaults, Duration toolTimeout, String zapApiUrl,
    String zapApiKeyVariable) {

  static final Option<Path> APPS_DIR = Option.custom("ANALYZER_APPS_DIR", Path.of("generated/apps"),
      "./generated/apps", "a directory", "where `{model_slug}/app{N}` apps live; their `.env` gives "
          + "`BACKEND_PORT`/`FRONTEND_PORT` when a request names no `target_urls`", DynamicSettings::path, p -> p != null);
  static final Option<Integer> MAX_DEPTH = Option.integer("ANALYZER_DYNAMIC_MAX_DEPTH", 3, 0, 20,
      "crawl depth from each target's root (`config.max_depth`)");
  static final Option<Integer> MAX_URLS = Option.integer("ANALYZER_DYNAMIC_MAX_URLS", 200, 1, 100_000,
      "URLs the crawler fetches per target (`config.max_urls`)");
  static final Option<Integer> MAX_REQUESTS = Option.integer("ANALYZER_DYNAMIC_MAX_REQUESTS", 5000, 1, 10_000_000,
      "HTTP requests per analysis, engine and tools behind the scan proxy together (`config.max_requests`)");
  static final Option<Integer> MAX_RATE = Option.integer("ANALYZER_DYNAMIC_MAX_RATE", 200, 0, 100_000,
      "requests per second, paced; 0 = unpaced (`config.max_rate`)");
  static final Option<Duration> MAX_DURATION = Option.seconds("ANALYZER_DYNAMIC_MAX_DURATION",
      Duration.ofSeconds(300), Duration.ofSeconds(1), Duration.ofHours(24),
      "no request of the analysis starts later than this (`config.max_duration_seconds`)");
  static final Option<Duration> REQUEST_TIMEOUT = Option.seconds("ANALYZER_DYNAMIC_REQUEST_TIMEOUT",
      Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofMinutes(10), "one request's whole life");
  static final Option<Integer> CONCURRENCY = Option.integer("ANALYZER_DYNAMIC_CONCURRENCY", 8, 1, 256,
      "requests in flight at once per analysis (`config.concurrency`)");
  static final Option<Duration> TIME_DELAY = Option.seconds("ANALYZER_DYNAMIC_TIME_DELAY", Duration.ofSeconds(2),
      Duration.ofMillis(100), Duration.ofSeconds(60),
      "the sleep time-based probes inject (SQL, commands) (`config.time_delay_seconds`)");
  static final Option<Duration> PORT_TIMEOUT = Option.seconds("ANALYZER_DYNAMIC_PORT_TIMEOUT",
      Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofSeconds(10), "connect timeout per port of the port scan");
  static final Option<Duration> TOOL_TIMEOUT = Option.seconds("ANALYZER_DYNAMIC_TOOL_TIMEOUT", Duration.ofSeconds(300),
      Duration.ofSeconds(1), Duration.ofHours(2), "per external tool (wapiti, nmap, sqlmap); the process tree is "
          + "killed past it, and never later than the analysis deadline");
  static final Option<String> ZAP_API_URL = Option.custom("ZAP_API_URL", null, "none",
      "an http URL of a loopback or allowed host", "the API of a ZAP daemon you run; the `zap` tool is offered "
          + "only when set", (r, n) -> r.raw(n), v -> true);
  static final Option<String> ZAP_API_KEY = Option.custom("ZAP_API_KEY", null, "none", "text",
      "the ZAP API key (sent as `X-ZAP-API-Key`, never logged or returned)", (r, n) -> "set", v -> true);

  /** Every option of the dynamic service, in README order. */
  public static final OptionTable OPTIONS = OptionTable.of("dynamic service", APPS_DIR, MAX_DEPTH, MAX_URLS,
      MAX_REQUESTS, MAX_RATE, MAX_DURATION, REQUEST_TIMEOUT, CONCURRENCY, TIME_DELAY, PORT_TIMEOUT, TOOL_TIMEOUT,
      ZAP_API_URL, ZAP_API_KEY);

  /** The defaults overridden by {@code env}. @throws SettingsException naming the first bad variable */
  public static DynamicSettings fromEnvironment(Environment env) {
    ScanConfig c;
    try {
      c = ScanConfig.builder().withMaxDepth(MAX_DEPTH.read(env)).withMaxUrls(MAX_URLS.read(env))
          .withMaxRequests(MAX_REQUESTS.read(env)).withMaxRate(MAX_RATE.read(env))
          .withMaxDuration(MAX_DURATION.read(env)).withRequestTimeout(REQUEST_TIMEOUT.read(env))
          .withConcurrency(CONCURRENCY.read(env)).withTimeDelay(TIME_DELAY.read(env))
          .withPortTimeout(PORT_TIMEOUT.read(env)).build();
    } catch (IllegalArgumentException e) {
      throw new SettingsException("ANALYZER_DYNAMIC", e.getMessage());
    }
    String zap = ZAP_API_URL.read(env);
    if (zap != null && !zap.matches("(?i)https?://[^\\s]+")) {
      throw new SettingsException("ZAP_API_URL", "ZAP_API_URL must be an http(s) URL, got " + zap);
    }
    return new DynamicSettings(APPS_DIR.read(env).toAbsolutePath().normalize(), c, TOOL_TIMEOUT.read(env), zap,
        "ZAP_API_KEY");
  }

  /** Defaults for tests and embedders: no environment. */
  public static DynamicSettings ofDefaults() {
    return fromEnvironment(Environment.of(java.util.Map.of()));
  }

  private static Path path(EnvReader r, String name) {
    try {
      return Path.of(r.raw(name));
    } catch (InvalidPathException e) {
      throw new SettingsException(name, name + " must be a path, got '" + r.raw(name) + "'");
    }
  }
}
