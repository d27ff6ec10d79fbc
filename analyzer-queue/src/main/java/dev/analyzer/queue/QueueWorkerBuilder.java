package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link QueueWorker}. Required: a handler and at least one kind. Not thread-safe.
 */
public final class QueueWorkerBuilder {

  /** Default requests held at once ({@code ANALYZER_MAX_CONCURRENT_ANALYSES} of the service base). */
  public static final int DEFAULT_MAX_CONCURRENT = 8;
  /** Default longest wait of one fetch; bounds how fast the worker notices a drain. */
  public static final Duration DEFAULT_FETCH_WAIT = Duration.ofSeconds(1);

  private final QueueConnection connection;
  private QueueHandler handler;
  private Set<AnalysisKind> kinds = EnumSet.noneOf(AnalysisKind.class);
  private int maxConcurrent = DEFAULT_MAX_CONCURRENT;
  private String serviceName = "analyzer-queue-worker";
  private Clock clock = Clock.systemUTC();
  private Duration fetchWait = DEFAULT_FETCH_WAIT;

  QueueWorkerBuilder(QueueConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  /** What runs each request. */
  public QueueWorkerBuilder withHandler(QueueHandler handler) {
    this.handler = handler;
    return this;
  }

  /** The kinds whose queues it consumes. */
  public QueueWorkerBuilder withKinds(Set<AnalysisKind> kinds) {
    this.kinds = kinds.isEmpty() ? EnumSet.noneOf(AnalysisKind.class) : EnumSet.copyOf(kinds);
    return this;
  }

  /** The kind whose queue it consumes. */
  public QueueWorkerBuilder withKind(AnalysisKind kind) {
    this.kinds = EnumSet.of(kind);
    return this;
  }

  /** Requests held (fetched and not yet acked) at once over all its kinds; default 8, 1..10000. */
  public QueueWorkerBuilder withMaxConcurrent(int maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
    return this;
  }

  /** The {@code service} of results the worker writes itself (dead letters); default {@code analyzer-queue-worker}. */
  public QueueWorkerBuilder withServiceName(String serviceName) {
    this.serviceName = serviceName;
    return this;
  }

  /** The clock for timestamps; default UTC system clock. */
  public QueueWorkerBuilder withClock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Longest wait of one fetch, 10 ms..60 s; default 1 s. */
  public QueueWorkerBuilder withFetchWait(Duration fetchWait) {
    this.fetchWait = fetchWait;
    return this;
  }

  /**
   * The worker, not yet started.
   *
   * @throws IllegalArgumentException naming the missing or out-of-range setting
   */
  public QueueWorker build() {
    if (handler == null) {
      throw new IllegalArgumentException("a QueueWorker needs a handler (withHandler)");
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("a QueueWorker needs at least one kind (withKind or withKinds)");
    }
    if (maxConcurrent < 1 || maxConcurrent > 10_000) {
      throw new IllegalArgumentException("maxConcurrent must be 1..10000, got " + maxConcurrent);
    }
    if (serviceName == null || serviceName.isBlank()) {
      throw new IllegalArgumentException("serviceName must not be blank");
    }
    Objects.requireNonNull(clock, "clock");
    if (fetchWait == null || fetchWait.compareTo(Duration.ofMillis(10)) < 0 || fetchWait.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("fetchWait must be 10 ms..60 s, got " + fetchWait);
    }
    QueueWorkerBuilder snapshot = new QueueWorkerBuilder(connection);
    snapshot.handler = handler;
    snapshot.kinds = EnumSet.copyOf(kinds);
    snapshot.maxConcurrent = maxConcurrent;
    snapshot.serviceName = serviceName;
    snapshot.clock = clock;
    snapshot.fetchWait = fetchWait;
    return new QueueWorker(connection, snapshot);
  }

  QueueHandler handler() {
    return handler;
  }

  Set<AnalysisKind> kinds() {
    return kinds;
  }

  int maxConcurrent() {
    return maxConcurrent;
  }

  String serviceName() {
    return serviceName;
  }

  Clock clock() {
    return clock;
  }

  Duration fetchWait() {
    return fetchWait;
  }
}
