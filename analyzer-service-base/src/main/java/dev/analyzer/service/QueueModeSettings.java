package dev.analyzer.service;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.queue.QueueAuth;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.service.secrets.Secret;
import dev.analyzer.service.secrets.Secrets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Queue mode of a service: where the queue is ({@link QueueSettings}, read by analyzer-queue from
 * the {@code ANALYZER_QUEUE_*} variables), how many slots queued analyses may hold, and how long
 * the service waits at most between attempts to reach NATS. A service with these settings also
 * takes the requests of its kind from the queue; see the module README's "Queue mode".
 *
 * <p>The secrets of the queue ({@code ANALYZER_QUEUE_TOKEN} and the TLS store passwords) may also
 * come from files ({@code ANALYZER_QUEUE_TOKEN_FILE}, ...; {@link Secrets}), never both.
 *
 * <p>Immutable and thread-safe; checked in the constructor, a bad value throws a
 * {@link SettingsException} naming the variable.
 *
 * @param queue the NATS servers, names, delivery settings, auth and TLS
 * @param maxConcurrent slots queued analyses may hold at once; 0 means all of
 *     {@code ANALYZER_MAX_CONCURRENT_ANALYSES} (checked against it when the server is built)
 * @param reconnectMax the longest wait between two attempts to connect at start (1 s, doubling, up to this)
 */
public record QueueModeSettings(QueueSettings queue, int maxConcurrent, Duration reconnectMax) {

  public static final String MAX_CONCURRENT = "ANALYZER_QUEUE_MAX_CONCURRENT";
  public static final String RECONNECT_MAX = "ANALYZER_QUEUE_RECONNECT_MAX";
  /** The file forms of the queue's secrets, read through {@link Secrets}. */
  public static final String TOKEN_FILE = QueueAuth.TOKEN + Secrets.FILE_SUFFIX;
  public static final String TRUSTSTORE_PASSWORD_FILE = QueueAuth.TRUSTSTORE_PASSWORD + Secrets.FILE_SUFFIX;
  public static final String KEYSTORE_PASSWORD_FILE = QueueAuth.KEYSTORE_PASSWORD + Secrets.FILE_SUFFIX;

  /** The first wait between connect attempts. */
  public static final Duration RECONNECT_INITIAL = Duration.ofSeconds(1);

  public static final Option<Integer> MAX_CONCURRENT_OPTION = Option.custom(MAX_CONCURRENT, 0,
      "ANALYZER_MAX_CONCURRENT_ANALYSES", "1..`ANALYZER_MAX_CONCURRENT_ANALYSES`",
      "slots analyses from the queue may hold at once; the rest stay for WebSocket analyses",
      (r, n) -> r.intIn(n, 0, 1, 10_000), v -> v != null && v >= 0 && v <= 10_000);
  public static final Option<Duration> RECONNECT_MAX_OPTION = Option.seconds(RECONNECT_MAX, Duration.ofSeconds(30),
      Duration.ofSeconds(1), Duration.ofMinutes(10), "longest wait between attempts to reach NATS at start");
  public static final Option<String> TOKEN_FILE_OPTION = secretFile(TOKEN_FILE, QueueAuth.TOKEN);
  public static final Option<String> TRUSTSTORE_PASSWORD_FILE_OPTION = secretFile(TRUSTSTORE_PASSWORD_FILE,
      QueueAuth.TRUSTSTORE_PASSWORD);
  public static final Option<String> KEYSTORE_PASSWORD_FILE_OPTION = secretFile(KEYSTORE_PASSWORD_FILE,
      QueueAuth.KEYSTORE_PASSWORD);

  /** The options the service base adds to analyzer-queue's ({@code QueueSettings.OPTIONS}, {@code QueueAuth.OPTIONS}). */
  public static final OptionTable OPTIONS = OptionTable.of("service base queue mode", MAX_CONCURRENT_OPTION,
      RECONNECT_MAX_OPTION, TOKEN_FILE_OPTION, TRUSTSTORE_PASSWORD_FILE_OPTION, KEYSTORE_PASSWORD_FILE_OPTION);

  public QueueModeSettings {
    Objects.requireNonNull(queue, "queue settings");
    MAX_CONCURRENT_OPTION.check(maxConcurrent);
    RECONNECT_MAX_OPTION.check(reconnectMax);
  }

  /** Queue mode on {@code queue} with every other default. */
  public static QueueModeSettings of(QueueSettings queue) {
    return new QueueModeSettings(queue, 0, RECONNECT_MAX_OPTION.defaultValue());
  }

  /**
   * Queue mode as {@code env} sets it, or empty when {@code ANALYZER_QUEUE_URL} is unset.
   *
   * @throws SettingsException naming the first variable with a bad value (a secret set twice, an
   *     unreadable file, a bad URL or bound)
   */
  public static Optional<QueueModeSettings> fromEnvironment(Environment env) {
    return fromEnvironment(env, null);
  }

  /**
   * As {@link #fromEnvironment(Environment)}, with {@code url} (the launcher's {@code --queue})
   * in place of {@code ANALYZER_QUEUE_URL} when not null.
   */
  public static Optional<QueueModeSettings> fromEnvironment(Environment env, String url) {
    Secrets secrets = Secrets.from(env);
    String token = secret(secrets, QueueAuth.TOKEN);
    String trustPassword = secret(secrets, QueueAuth.TRUSTSTORE_PASSWORD);
    String keyPassword = secret(secrets, QueueAuth.KEYSTORE_PASSWORD);
    Environment layered = name -> {
      if (url != null && name.equals(QueueSettings.URL)) {
        return url;
      }
      if (name.equals(QueueAuth.TOKEN)) {
        return token;
      }
      if (name.equals(QueueAuth.TRUSTSTORE_PASSWORD)) {
        return trustPassword;
      }
      if (name.equals(QueueAuth.KEYSTORE_PASSWORD)) {
        return keyPassword;
      }
      return env.get(name);
    };
    Optional<QueueSettings> queue = QueueSettings.fromEnvironment(layered);
    if (queue.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new QueueModeSettings(queue.get(), MAX_CONCURRENT_OPTION.read(env),
        RECONNECT_MAX_OPTION.read(env)));
  }

  /** These settings with at most {@code n} slots for queued analyses (0: all). */
  public QueueModeSettings withMaxConcurrent(int n) {
    return new QueueModeSettings(queue, n, reconnectMax);
  }

  /** These settings with another longest wait between connect attempts. */
  public QueueModeSettings withReconnectMax(Duration max) {
    return new QueueModeSettings(queue, maxConcurrent, max);
  }

  /** The slots queued analyses may hold on a service allowing {@code serviceMax} at once. */
  int slots(int serviceMax) {
    if (maxConcurrent > serviceMax) {
      throw new SettingsException(MAX_CONCURRENT, MAX_CONCURRENT + " must be 1.." + serviceMax + " ("
          + ServiceSettings.MAX_CONCURRENT_ANALYSES + "), got " + maxConcurrent);
    }
    return maxConcurrent == 0 ? serviceMax : maxConcurrent;
  }

  private static String secret(Secrets secrets, String name) {
    return secrets.optional(name).map(Secret::reveal).orElse(null);
  }

  private static Option<String> secretFile(String name, String of) {
    return Option.custom(name, null, "unset", "a readable UTF-8 file of at most 64 KiB; not with `" + of + "`",
        "file holding " + of + " (trimmed), instead of the variable", (r, n) -> r.raw(n), v -> true);
  }

  /** Never shows a server URL (it may carry a user and password) nor a secret. */
  @Override
  public String toString() {
    return "QueueModeSettings[servers=" + queue.servers().size() + ", prefix=" + queue.prefix() + ", maxConcurrent=" + (maxConcurrent == 0 ? "all" : maxConcurrent)
        + ", reconnectMax=" + reconnectMax + "]";
  }
}
