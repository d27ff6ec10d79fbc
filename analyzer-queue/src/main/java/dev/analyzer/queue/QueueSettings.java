package dev.analyzer.queue;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import dev.analyzer.core.settings.SettingsException;
import io.nats.client.Options;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the queue lives and how it delivers: the NATS servers, the names prefix, the AckWait and
 * {@code max_deliver} of the durable consumers, stream replicas and storage, the duplicate window
 * of {@code Nats-Msg-Id}, how long results are kept, and the size above which a result goes to
 * the Object Store. Build one with {@link #builder(String)} or read it with
 * {@link #fromEnvironment(Environment)}; the README's table is tested against {@link #OPTIONS}.
 *
 * <p>Immutable and thread-safe; every value is checked in the constructor and a bad one throws a
 * {@link SettingsException} naming the variable, its bound and the value seen.
 *
 * @param servers the NATS URLs ({@code nats://host:port} or {@code tls://host:port}), at least one
 * @param prefix the names prefix: subjects {@code <prefix>.<kind>.requests}, streams {@code <PREFIX>_<KIND>}
 * @param ackWait how long a delivered request may go without an ack or in-progress ack
 * @param maxDeliver deliveries of one request before it is dead-lettered
 * @param nakDelay the delay before a request whose handler failed is delivered again
 * @param replicas stream replicas (1 on a single server, 3 on a cluster)
 * @param storage {@code file} or {@code memory}
 * @param duplicateWindow how long the request streams remember a {@code Nats-Msg-Id}
 * @param resultTtl how long results, large-result objects and dead letters are kept
 * @param objectThreshold encoded results larger than this many bytes go to the Object Store
 * @param maxAckPending requests in flight at once over all workers of one kind
 * @param timeout connect timeout and JetStream API timeout
 * @param auth credentials and TLS
 * @param optionsCustomizer applied last to the jnats {@code Options.Builder}; never {@code null}
 */
public record QueueSettings(List<String> servers, String prefix, Duration ackWait, int maxDeliver,
    Duration nakDelay, int replicas, String storage, Duration duplicateWindow, Duration resultTtl,
    int objectThreshold, int maxAckPending, Duration timeout, QueueAuth auth,
    Consumer<Options.Builder> optionsCustomizer) {

  public static final String URL = "ANALYZER_QUEUE_URL";
  public static final String PREFIX = "ANALYZER_QUEUE_PREFIX";
  public static final String ACK_WAIT = "ANALYZER_QUEUE_ACK_WAIT";
  public static final String MAX_DELIVER = "ANALYZER_QUEUE_MAX_DELIVER";
  public static final String NAK_DELAY = "ANALYZER_QUEUE_NAK_DELAY";
  public static final String REPLICAS = "ANALYZER_QUEUE_REPLICAS";
  public static final String STORAGE = "ANALYZER_QUEUE_STORAGE";
  public static final String DUPLICATE_WINDOW = "ANALYZER_QUEUE_DUPLICATE_WINDOW";
  public static final String RESULT_TTL = "ANALYZER_QUEUE_RESULT_TTL";
  public static final String OBJECT_THRESHOLD = "ANALYZER_QUEUE_OBJECT_THRESHOLD";
  public static final String MAX_ACK_PENDING = "ANALYZER_QUEUE_MAX_ACK_PENDING";
  public static final String TIMEOUT = "ANALYZER_QUEUE_TIMEOUT";

  private static final String PREFIX_PATTERN = "[a-z][a-z0-9_]{0,31}";

  static final Option<List<String>> URL_OPTION = Option.custom(URL, List.of(), "unset (queue mode off)",
      "nats://host:port or tls://host:port, comma-separated", "the NATS servers; setting it turns queue mode on",
      (r, n) -> servers(r.raw(n)), v -> v != null && !v.isEmpty());
  static final Option<String> PREFIX_OPTION = Option.custom(PREFIX, "analyzer", "analyzer",
      PREFIX_PATTERN, "names prefix of every subject, stream, consumer and bucket",
      (r, n) -> r.raw(n), v -> v != null && v.matches(PREFIX_PATTERN));
  static final Option<Duration> ACK_WAIT_OPTION = Option.seconds(ACK_WAIT, Duration.ofSeconds(30),
      Duration.ofMillis(500), Duration.ofHours(12),
      "redelivery after this long without an ack; workers send in-progress acks every third of it");
  static final Option<Integer> MAX_DELIVER_OPTION = Option.integer(MAX_DELIVER, 5, 1, 100,
      "deliveries of one request before it is dead-lettered");
  static final Option<Duration> NAK_DELAY_OPTION = Option.seconds(NAK_DELAY, Duration.ofSeconds(5),
      Duration.ZERO, Duration.ofHours(1), "wait before a request whose handler failed is delivered again");
  static final Option<Integer> REPLICAS_OPTION = Option.integer(REPLICAS, 1, 1, 5,
      "replicas of every stream (3 on a NATS cluster)");
  static final Option<String> STORAGE_OPTION = Option.oneOf(STORAGE, "file",
      "stream storage; memory loses the queue when the server restarts", "file", "memory");
  static final Option<Duration> DUPLICATE_WINDOW_OPTION = Option.seconds(DUPLICATE_WINDOW,
      Duration.ofSeconds(120), Duration.ofSeconds(1), Duration.ofDays(7),
      "request streams drop a publish whose Nats-Msg-Id they saw this recently");
  static final Option<Duration> RESULT_TTL_OPTION = Option.seconds(RESULT_TTL, Duration.ofDays(7),
      Duration.ofMinutes(1), Duration.ofDays(365), "results, large-result objects and dead letters are kept this long");
  static final Option<Integer> OBJECT_THRESHOLD_OPTION = Option.integer(OBJECT_THRESHOLD, 524_288, 1024,
      64 * 1024 * 1024, "encoded results above this many bytes go to the Object Store (must be below the server's max_payload)");
  static final Option<Integer> MAX_ACK_PENDING_OPTION = Option.integer(MAX_ACK_PENDING, 10_000, 1, 1_000_000,
      "requests in flight at once over all workers of one kind");
  static final Option<Duration> TIMEOUT_OPTION = Option.seconds(TIMEOUT, Duration.ofSeconds(10),
      Duration.ofMillis(100), Duration.ofMinutes(10), "connect timeout and JetStream API timeout");

  /** Every option of this record, in README order ({@link QueueAuth#OPTIONS} has the auth ones). */
  public static final OptionTable OPTIONS = OptionTable.of("queue", URL_OPTION, PREFIX_OPTION, ACK_WAIT_OPTION,
      MAX_DELIVER_OPTION, NAK_DELAY_OPTION, REPLICAS_OPTION, STORAGE_OPTION, DUPLICATE_WINDOW_OPTION,
      RESULT_TTL_OPTION, OBJECT_THRESHOLD_OPTION, MAX_ACK_PENDING_OPTION, TIMEOUT_OPTION);

  public QueueSettings {
    servers = List.copyOf(URL_OPTION.check(servers));
    for (String s : servers) {
      checkUrl(s);
    }
    PREFIX_OPTION.check(prefix);
    ACK_WAIT_OPTION.check(ackWait);
    MAX_DELIVER_OPTION.check(maxDeliver);
    NAK_DELAY_OPTION.check(nakDelay);
    REPLICAS_OPTION.check(replicas);
    STORAGE_OPTION.check(storage);
    DUPLICATE_WINDOW_OPTION.check(duplicateWindow);
    RESULT_TTL_OPTION.check(resultTtl);
    OBJECT_THRESHOLD_OPTION.check(objectThreshold);
    MAX_ACK_PENDING_OPTION.check(maxAckPending);
    TIMEOUT_OPTION.check(timeout);
    Objects.requireNonNull(auth, "auth");
    optionsCustomizer = optionsCustomizer == null ? b -> { } : optionsCustomizer;
  }

  /**
   * A builder with every default, for the servers {@code url} (comma-separated).
   *
   * @throws SettingsException when {@code url} is not a NATS URL list
   */
  public static QueueSettingsBuilder builder(String url) {
    return new QueueSettingsBuilder(servers(url));
  }

  /**
   * The settings {@code env} gives, or empty when {@value #URL} is unset (queue mode off).
   *
   * @throws SettingsException naming the first variable with a bad value
   */
  public static Optional<QueueSettings> fromEnvironment(Environment env) {
    List<String> servers = URL_OPTION.read(env);
    if (servers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new QueueSettings(servers, PREFIX_OPTION.read(env), ACK_WAIT_OPTION.read(env),
        MAX_DELIVER_OPTION.read(env), NAK_DELAY_OPTION.read(env), REPLICAS_OPTION.read(env),
        STORAGE_OPTION.read(env), DUPLICATE_WINDOW_OPTION.read(env), RESULT_TTL_OPTION.read(env),
        OBJECT_THRESHOLD_OPTION.read(env), MAX_ACK_PENDING_OPTION.read(env), TIMEOUT_OPTION.read(env),
        QueueAuth.fromEnvironment(env), null));
  }

  /** A builder pre-filled with these settings. */
  public QueueSettingsBuilder toBuilder() {
    return new QueueSettingsBuilder(this);
  }

  /** The names of every subject, stream, consumer and bucket under {@link #prefix()}. */
  public QueueNames names() {
    return new QueueNames(prefix);
  }

  /** The interval of in-progress acks: a third of {@link #ackWait()}, so two may be lost in a row. */
  public Duration heartbeatInterval() {
    return ackWait.dividedBy(3);
  }

  @Override
  public String toString() {
    return "QueueSettings[servers=" + servers + ", prefix=" + prefix + ", ackWait=" + ackWait
        + ", maxDeliver=" + maxDeliver + ", replicas=" + replicas + ", storage=" + storage + ", auth=" + auth + "]";
  }

  static List<String> servers(String url) {
    if (url == null || url.isBlank()) {
      throw new SettingsException(URL, URL + " must be nats://host:port or tls://host:port, got '" + url + "'");
    }
    List<String> out = new ArrayList<>();
    for (String part : url.split(",")) {
      if (!part.isBlank()) {
        out.add(checkUrl(part.trim()));
      }
    }
    return out;
  }

  private static String checkUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("nats") || scheme.equals("tls")) || uri.getHost() == null) {
        throw new SettingsException(URL, URL + " must be nats://host:port or tls://host:port, got '" + url + "'");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new SettingsException(URL, URL + " must be nats://host:port or tls://host:port, got '" + url
          + "' (" + e.getReason() + ")");
    }
  }
}
