package dev.analyzer.client;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import dev.analyzer.queue.QueueSettings;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The client's own options (name, default, bound, meaning), declared once: {@link ClientSettings}
 * reads and checks its values through them, and {@link #TABLE} is what the README's client table
 * must match. The pool and breaker options are core's {@code ConnectionSettings.OPTIONS}, the
 * deflate ones {@code CompressionSettings.OPTIONS}. Immutable and thread-safe.
 */
public final class ClientOptions {

  static final Duration MIN_PING_INTERVAL = Duration.ofMillis(50);
  static final Duration MAX_PING_INTERVAL = Duration.ofHours(1);

  /** Replica URLs per kind ({@code *_URLS}, or the original's singular {@code *_URL}). */
  static final Map<AnalysisKind, Option<List<URI>>> REPLICAS = new EnumMap<>(Map.of(
      AnalysisKind.STATIC, urls("STATIC_ANALYZER_URLS", AnalysisKind.STATIC, "comma list of static replicas"),
      AnalysisKind.DYNAMIC, urls("DYNAMIC_ANALYZER_URLS", AnalysisKind.DYNAMIC, "dynamic replicas"),
      AnalysisKind.PERFORMANCE, urls("PERF_TESTER_URLS", AnalysisKind.PERFORMANCE, "performance replicas"),
      AnalysisKind.AI, urls("AI_ANALYZER_URLS", AnalysisKind.AI, "ai replicas")));

  /** The default deadline of an analysis, per kind. */
  static final Map<AnalysisKind, Option<Duration>> TIMEOUTS = new EnumMap<>(Map.of(
      AnalysisKind.STATIC, timeout("STATIC_ANALYSIS_TIMEOUT", 480, "default deadline of static analyses"),
      AnalysisKind.DYNAMIC, timeout("DYNAMIC_ANALYSIS_TIMEOUT", 600, "dynamic"),
      AnalysisKind.PERFORMANCE, timeout("PERFORMANCE_TEST_TIMEOUT", 600, "performance"),
      AnalysisKind.AI, timeout("AI_ANALYSIS_TIMEOUT", 900, "ai")));

  static final Option<String> AUTH_TOKEN = Option.custom("ANALYZER_AUTH_TOKEN", null, "none",
      "8+ characters, no spaces", "sent as `Authorization: Bearer` on every handshake (the services' bound)",
      (r, n) -> r.raw(n),
      t -> t == null || (t.length() >= 8 && t.chars().noneMatch(Character::isWhitespace)));

  static final Option<Duration> PING_INTERVAL = Option.secondsOrOff(ClientSettings.PING_INTERVAL,
      Duration.ofSeconds(15), MIN_PING_INTERVAL, MAX_PING_INTERVAL, "a connection carrying an analysis that is "
          + "silent this long is pinged; silent as long again (no pong, no frame) and it is dropped, and the "
          + "analysis moves to the next replica as a replica failure");

  static final Option<Duration> REPLICA_REFRESH = Option.secondsOrOff(ClientSettings.REPLICA_REFRESH,
      ClientSettings.DEFAULT_REPLICA_REFRESH, Duration.ofSeconds(1), Duration.ofDays(1), "how often replica host "
          + "names are resolved again: a name with several addresses (a Kubernetes headless Service) is one replica "
          + "per address; new addresses are added, gone ones drained (their work finishes, none is added); 0 "
          + "resolves once, at start");

  /**
   * {@code ANALYZER_QUEUE_URL}, as analyzer-queue declares it: set, analyses go through the queue
   * (the other {@code ANALYZER_QUEUE_*} variables of {@link QueueSettings#OPTIONS} and
   * {@link dev.analyzer.queue.QueueAuth#OPTIONS} are read with it).
   */
  static final Option<?> QUEUE_URL = QueueSettings.OPTIONS.find(QueueSettings.URL).orElseThrow();

  /** Every option of the client (besides the pool, breaker and deflate ones), in README order. */
  public static final OptionTable TABLE = OptionTable.of("client", REPLICAS.get(AnalysisKind.STATIC),
      REPLICAS.get(AnalysisKind.DYNAMIC), REPLICAS.get(AnalysisKind.PERFORMANCE), REPLICAS.get(AnalysisKind.AI),
      TIMEOUTS.get(AnalysisKind.STATIC), TIMEOUTS.get(AnalysisKind.DYNAMIC), TIMEOUTS.get(AnalysisKind.PERFORMANCE),
      TIMEOUTS.get(AnalysisKind.AI), AUTH_TOKEN, PING_INTERVAL, REPLICA_REFRESH, QUEUE_URL);

  /** {@code token} when it meets the services' bound; the error never shows the token. */
  private static String validToken(String variable, String token) {
    if (token != null && (token.length() < 8 || token.chars().anyMatch(Character::isWhitespace))) {
      throw new dev.analyzer.core.settings.SettingsException(variable, variable + " must be 8+ characters without "
          + "spaces, got " + token.length() + " characters");
    }
    return token;
  }

  /** Largest token file read for {@code ANALYZER_AUTH_TOKEN_FILE}. */
  static final int MAX_TOKEN_FILE_BYTES = 64 * 1024;

  private ClientOptions() {}

  /**
   * The bearer token: {@code ANALYZER_AUTH_TOKEN}, else the trimmed contents of the file named by
   * {@code ANALYZER_AUTH_TOKEN_FILE} (the services' convention), else none.
   *
   * @throws dev.analyzer.core.settings.SettingsException when both are set, or the file is missing,
   *     unreadable, empty or over 64 KiB (naming the variable and the path, never the value)
   */
  static String authToken(dev.analyzer.core.settings.Environment env) {
    EnvReader r = new EnvReader(env);
    String fileVar = AUTH_TOKEN.name() + "_FILE";
    String file = r.raw(fileVar);
    if (file == null) {
      return validToken(AUTH_TOKEN.name(), AUTH_TOKEN.read(env));
    }
    if (r.raw(AUTH_TOKEN.name()) != null) {
      throw new dev.analyzer.core.settings.SettingsException(fileVar, "set either " + AUTH_TOKEN.name() + " or "
          + fileVar + ", not both");
    }
    try {
      java.nio.file.Path p = java.nio.file.Path.of(file);
      if (java.nio.file.Files.size(p) > MAX_TOKEN_FILE_BYTES) {
        throw new dev.analyzer.core.settings.SettingsException(fileVar, fileVar + " names a file over 64 KiB: " + file);
      }
      String token = java.nio.file.Files.readString(p).trim();
      if (token.isEmpty()) {
        throw new dev.analyzer.core.settings.SettingsException(fileVar, fileVar + " names an empty file: " + file);
      }
      return validToken(fileVar, token);
    } catch (java.io.IOException | java.nio.file.InvalidPathException | java.io.UncheckedIOException e) {
      throw new dev.analyzer.core.settings.SettingsException(fileVar, fileVar + " names a file that cannot be read: "
          + file);
    }
  }

  private static Option<List<URI>> urls(String name, AnalysisKind kind, String description) {
    List<URI> local = List.of(URI.create("ws://127.0.0.1:" + kind.defaultPort()));
    return Option.custom(name, local, "ws://127.0.0.1:" + kind.defaultPort(), "ws:// or wss:// URLs, comma-separated",
        description + " (the original's singular `" + singular(name) + "` is read when this is unset)",
        (r, n) -> ClientSettings.parseUrls(n, r.raw(n)), u -> u != null && !u.isEmpty());
  }

  private static Option<Duration> timeout(String name, int seconds, String description) {
    return Option.seconds(name, Duration.ofSeconds(seconds), Duration.ofSeconds(1), Duration.ofDays(1), description);
  }

  /** {@code STATIC_ANALYZER_URL} for {@code STATIC_ANALYZER_URLS}. */
  static String singular(String name) {
    return name.substring(0, name.length() - 1);
  }

  /** The replicas of {@code kind}: its {@code *_URLS}, else its {@code *_URL}, else the local default. */
  static List<URI> replicas(EnvReader r, AnalysisKind kind) {
    Option<List<URI>> o = REPLICAS.get(kind);
    if (r.raw(o.name()) != null) {
      return ClientSettings.parseUrls(o.name(), r.raw(o.name()));
    }
    String legacy = singular(o.name());
    return r.raw(legacy) != null ? ClientSettings.parseUrls(legacy, r.raw(legacy)) : o.defaultValue();
  }
}
