package dev.analyzer.queue;

import io.nats.client.Options;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds {@link QueueSettings}; starts from the defaults of {@link QueueSettings#OPTIONS}. Each
 * value is checked when {@link #build()} runs. Not thread-safe; use one per thread.
 */
public final class QueueSettingsBuilder {

  private List<String> servers;
  private String prefix = QueueSettings.PREFIX_OPTION.defaultValue();
  private Duration ackWait = QueueSettings.ACK_WAIT_OPTION.defaultValue();
  private int maxDeliver = QueueSettings.MAX_DELIVER_OPTION.defaultValue();
  private Duration nakDelay = QueueSettings.NAK_DELAY_OPTION.defaultValue();
  private int replicas = QueueSettings.REPLICAS_OPTION.defaultValue();
  private String storage = QueueSettings.STORAGE_OPTION.defaultValue();
  private Duration duplicateWindow = QueueSettings.DUPLICATE_WINDOW_OPTION.defaultValue();
  private Duration resultTtl = QueueSettings.RESULT_TTL_OPTION.defaultValue();
  private int objectThreshold = QueueSettings.OBJECT_THRESHOLD_OPTION.defaultValue();
  private int maxAckPending = QueueSettings.MAX_ACK_PENDING_OPTION.defaultValue();
  private Duration timeout = QueueSettings.TIMEOUT_OPTION.defaultValue();
  private QueueAuth auth = QueueAuth.none();
  private Consumer<Options.Builder> optionsCustomizer;

  QueueSettingsBuilder(List<String> servers) {
    this.servers = servers;
  }

  QueueSettingsBuilder(QueueSettings s) {
    servers = s.servers();
    prefix = s.prefix();
    ackWait = s.ackWait();
    maxDeliver = s.maxDeliver();
    nakDelay = s.nakDelay();
    replicas = s.replicas();
    storage = s.storage();
    duplicateWindow = s.duplicateWindow();
    resultTtl = s.resultTtl();
    objectThreshold = s.objectThreshold();
    maxAckPending = s.maxAckPending();
    timeout = s.timeout();
    auth = s.auth();
    optionsCustomizer = s.optionsCustomizer();
  }

  /** The names prefix; default {@code analyzer}. */
  public QueueSettingsBuilder withPrefix(String prefix) {
    this.prefix = prefix;
    return this;
  }

  /** AckWait of the durable consumers; default 30 s. */
  public QueueSettingsBuilder withAckWait(Duration ackWait) {
    this.ackWait = ackWait;
    return this;
  }

  /** Deliveries before dead-lettering; default 5. */
  public QueueSettingsBuilder withMaxDeliver(int maxDeliver) {
    this.maxDeliver = maxDeliver;
    return this;
  }

  /** Delay before redelivering a request whose handler failed; default 5 s. */
  public QueueSettingsBuilder withNakDelay(Duration nakDelay) {
    this.nakDelay = nakDelay;
    return this;
  }

  /** Stream replicas; default 1. */
  public QueueSettingsBuilder withReplicas(int replicas) {
    this.replicas = replicas;
    return this;
  }

  /** {@code file} (default) or {@code memory}. */
  public QueueSettingsBuilder withStorage(String storage) {
    this.storage = storage;
    return this;
  }

  /** Duplicate window of the request streams; default 120 s. */
  public QueueSettingsBuilder withDuplicateWindow(Duration duplicateWindow) {
    this.duplicateWindow = duplicateWindow;
    return this;
  }

  /** Retention of results and dead letters; default 7 days. */
  public QueueSettingsBuilder withResultTtl(Duration resultTtl) {
    this.resultTtl = resultTtl;
    return this;
  }

  /** Results above this many encoded bytes go to the Object Store; default 524288. */
  public QueueSettingsBuilder withObjectThreshold(int bytes) {
    this.objectThreshold = bytes;
    return this;
  }

  /** Fleet-wide in-flight cap per kind; default 10000. */
  public QueueSettingsBuilder withMaxAckPending(int maxAckPending) {
    this.maxAckPending = maxAckPending;
    return this;
  }

  /** Connect and JetStream API timeout; default 10 s. */
  public QueueSettingsBuilder withTimeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Credentials and TLS; default none. */
  public QueueSettingsBuilder withAuth(QueueAuth auth) {
    this.auth = auth;
    return this;
  }

  /**
   * Any further jnats option (an {@code SSLContext}, an {@code AuthHandler}, reconnect policy),
   * applied after the settings above, so it wins.
   */
  public QueueSettingsBuilder withOptions(Consumer<Options.Builder> customizer) {
    this.optionsCustomizer = customizer;
    return this;
  }

  /**
   * The settings.
   *
   * @throws dev.analyzer.core.settings.SettingsException naming the first bad value
   */
  public QueueSettings build() {
    return new QueueSettings(servers, prefix, ackWait, maxDeliver, nakDelay, replicas, storage, duplicateWindow,
        resultTtl, objectThreshold, maxAckPending, timeout, auth, optionsCustomizer);
  }
}
