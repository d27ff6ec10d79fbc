package dev.analyzer.service.metrics;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ResultStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * {@link ServiceMetrics} in the Prometheus text format, on a registry of its own (so several
 * servers in one JVM do not collide).
 *
 * <ul>
 *   <li>{@code analyzer_connections_open}, {@code analyzer_connections_total}, {@code analyzer_connections_peak}
 *       (the most open at once since start)</li>
 *   <li>{@code analyzer_frames_received_total}, {@code analyzer_frames_sent_total}</li>
 *   <li>{@code analyzer_analyses_started_total{type}}</li>
 *   <li>{@code analyzer_analyses_finished_total{type,status}}: status success or partial (completed),
 *       error, timeout or targets_unreachable (failed), cancelled</li>
 *   <li>{@code analyzer_analysis_duration_seconds{type}} histogram</li>
 *   <li>{@code analyzer_analyses_in_flight}, {@code analyzer_analyses_queued} (waiting for a slot)</li>
 *   <li>{@code analyzer_gateway_events_sent_total}, {@code analyzer_gateway_events_dropped_total}
 *       (progress to {@code GATEWAY_URL}; 0 without one)</li>
 *   <li>{@code analyzer_errors_total{code}}</li>
 *   <li>queue mode only: {@code analyzer_queue_connected} (1 or 0), {@code analyzer_queue_in_flight}
 *       (requests the worker holds), {@code analyzer_queue_consumed_total},
 *       {@code analyzer_queue_completed_total}, {@code analyzer_queue_failed_total} (could not run
 *       here: handed back) and {@code analyzer_queue_connect_failures_total}</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class PrometheusServiceMetrics implements ServiceMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Gauge connectionsOpen;
  private final Counter connectionsTotal;
  private final Counter framesReceived;
  private final Counter framesSent;
  private final Counter analysesStarted;
  private final Counter analysesFinished;
  private final Histogram analysisDuration;
  private final Counter errors;
  private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
  private boolean queueRegistered;

  /** @param inFlight reports the analyses running now */
  public PrometheusServiceMetrics(IntSupplier inFlight) {
    this(inFlight, () -> 0, () -> 0, () -> 0);
  }

  /**
   * @param inFlight reports the analyses running now
   * @param queued reports the analyses waiting for a slot
   * @param gatewaySent reports the progress events the gateway accepted
   * @param gatewayDropped reports the progress events dropped because the gateway's line was full
   */
  public PrometheusServiceMetrics(IntSupplier inFlight, IntSupplier queued, LongSupplier gatewaySent,
      LongSupplier gatewayDropped) {
    connectionsOpen = Gauge.builder().name("analyzer_connections_open")
        .help("WebSocket connections open now").register(registry);
    connectionsTotal = Counter.builder().name("analyzer_connections_total")
        .help("WebSocket connections accepted").register(registry);
    framesReceived = Counter.builder().name("analyzer_frames_received_total")
        .help("WebSocket data frames received").register(registry);
    framesSent = Counter.builder().name("analyzer_frames_sent_total")
        .help("WebSocket data frames sent").register(registry);
    analysesStarted = Counter.builder().name("analyzer_analyses_started_total")
        .help("Analyses started, by request type").labelNames("type").register(registry);
    analysesFinished = Counter.builder().name("analyzer_analyses_finished_total")
        .help("Analyses finished, by request type and reply status").labelNames("type", "status")
        .register(registry);
    analysisDuration = Histogram.builder().name("analyzer_analysis_duration_seconds")
        .help("Analysis wall time").labelNames("type")
        .classicUpperBounds(0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 900, 1800)
        .classicOnly().register(registry);
    errors = Counter.builder().name("analyzer_errors_total")
        .help("Error replies sent, by code").labelNames("code").register(registry);
    GaugeWithCallback.builder().name("analyzer_connections_peak").help("Most WebSocket connections open at once")
        .callback(cb -> cb.call(peak.get())).register(registry);
    GaugeWithCallback.builder().name("analyzer_analyses_in_flight").help("Analyses running now")
        .callback(cb -> cb.call(inFlight.getAsInt())).register(registry);
    GaugeWithCallback.builder().name("analyzer_analyses_queued").help("Analyses waiting for a slot")
        .callback(cb -> cb.call(queued.getAsInt())).register(registry);
    CounterWithCallback.builder().name("analyzer_gateway_events_sent").help("Progress events sent to GATEWAY_URL")
        .callback(cb -> cb.call(gatewaySent.getAsLong())).register(registry);
    CounterWithCallback.builder().name("analyzer_gateway_events_dropped")
        .help("Progress events dropped because the gateway's line was full")
        .callback(cb -> cb.call(gatewayDropped.getAsLong())).register(registry);
  }

  @Override
  public synchronized void queueMode(QueueModeMetrics source) {
    if (queueRegistered) {
      throw new IllegalStateException("queue mode metrics are registered once");
    }
    queueRegistered = true;
    GaugeWithCallback.builder().name("analyzer_queue_connected").help("1 while connected to NATS and consuming")
        .callback(cb -> cb.call(source.connected() ? 1 : 0)).register(registry);
    GaugeWithCallback.builder().name("analyzer_queue_in_flight").help("Requests from the queue held now")
        .callback(cb -> cb.call(source.inFlight())).register(registry);
    CounterWithCallback.builder().name("analyzer_queue_consumed").help("Requests taken from the queue")
        .callback(cb -> cb.call(source.consumed())).register(registry);
    CounterWithCallback.builder().name("analyzer_queue_completed")
        .help("Requests from the queue that ended with a result (any status)")
        .callback(cb -> cb.call(source.completed())).register(registry);
    CounterWithCallback.builder().name("analyzer_queue_failed")
        .help("Requests from the queue that could not run here and were handed back")
        .callback(cb -> cb.call(source.failed())).register(registry);
    CounterWithCallback.builder().name("analyzer_queue_connect_failures")
        .help("Failed attempts to reach NATS at start").callback(cb -> cb.call(source.connectFailures()))
        .register(registry);
  }

  @Override
  public void connectionOpened() {
    peak.accumulateAndGet(open.incrementAndGet(), Math::max);
    connectionsOpen.inc();
    connectionsTotal.inc();
  }

  @Override
  public void connectionClosed() {
    open.decrementAndGet();
    connectionsOpen.dec();
  }

  @Override
  public void frameReceived() {
    framesReceived.inc();
  }

  @Override
  public void frameSent() {
    framesSent.inc();
  }

  @Override
  public void analysisStarted(String type) {
    analysesStarted.labelValues(type).inc();
  }

  @Override
  public void analysisFinished(String type, ResultStatus status, Duration duration) {
    analysesFinished.labelValues(type, status.wire()).inc();
    analysisDuration.labelValues(type).observe(duration.toNanos() / 1e9);
  }

  @Override
  public void error(ErrorCode code) {
    errors.labelValues(code.wire()).inc();
  }

  @Override
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String contentType() {
    return writer.getContentType();
  }
}
