package dev.analyzer.manager.run;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.manager.services.Availability;
import dev.analyzer.manager.services.ServiceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One analysis of one app through one client, with live progress: static, dynamic and ai at once;
 * performance after the dynamic probe has finished, so that the load test runs alone and its figures
 * are not skewed by the scan. {@link #cancel()} (Ctrl-C) cancels the remote analyses and keeps the
 * load test from starting. Thread-safe.
 */
public final class AnalysisRun {

  private static final DateTimeFormatter TASK = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  /** What the run produced. */
  public record Report(String taskId, AnalyzeOptions options, Instant started, Instant finished,
      List<ServiceOutcome> outcomes) {}

  private final AnalyzerClient client;
  private final AnalyzeOptions options;
  private final ProgressPrinter progress;
  private final Preflight.Plan plan;
  private final Clock clock;
  private final List<AnalysisHandle> handles = new CopyOnWriteArrayList<>();
  private final String taskId;
  private volatile boolean cancelled;

  public AnalysisRun(AnalyzerClient client, AnalyzeOptions options, ProgressPrinter progress, Preflight.Plan plan,
      Clock clock) {
    this.client = client;
    this.options = options;
    this.progress = progress;
    this.plan = plan;
    this.clock = clock;
    this.taskId = "analysis_" + TASK.format(clock.instant()) + "_" + UUID.randomUUID().toString().substring(0, 4);
  }

  public String taskId() {
    return taskId;
  }

  /** Runs every requested analysis and waits for all. */
  public Report execute() {
    Instant started = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Map<ServiceSpec, CompletableFuture<ServiceOutcome>> futures = new LinkedHashMap<>();
    ServiceSpec dynamic = ServiceSpec.of(AnalysisKind.DYNAMIC);
    for (ServiceSpec spec : options.services()) {
      ServiceOutcome settled = plan.settled().get(spec);
      if (settled != null) {
        progress.done(spec.name(), settled.state() + ": " + settled.detail());
        futures.put(spec, CompletableFuture.completedFuture(settled));
      } else if (spec.kind() == AnalysisKind.PERFORMANCE && futures.containsKey(dynamic)
          && !plan.settled().containsKey(dynamic)) {
        progress.note(spec.name(), "waits for the dynamic probe (the load test runs alone)");
        futures.put(spec, futures.get(dynamic).thenCompose(d -> cancelled
            ? CompletableFuture.completedFuture(new ServiceOutcome(spec, null, "cancelled", "cancelled before it started",
                Duration.ZERO))
            : submit(spec)));
      } else {
        futures.put(spec, submit(spec));
      }
    }
    List<ServiceOutcome> outcomes = new ArrayList<>();
    for (CompletableFuture<ServiceOutcome> f : futures.values()) {
      outcomes.add(f.join());
    }
    return new Report(taskId, options, started, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        outcomes);
  }

  /** Cancels every remote analysis still running (their replies become "cancelled"). */
  public void cancel() {
    cancelled = true;
    for (AnalysisHandle h : handles) {
      h.cancel();
    }
  }

  private CompletableFuture<ServiceOutcome> submit(ServiceSpec spec) {
    AnalysisRequest req = request(spec);
    long t0 = System.nanoTime();
    AnalysisHandle h = client.submit(req, p -> progress.update(spec.name(), p), options.timeout());
    handles.add(h);
    if (cancelled) {
      h.cancel();
    }
    return h.result().thenApply(reply -> {
      ServiceOutcome o = explain(ServiceOutcome.of(spec, reply, Duration.ofNanos(System.nanoTime() - t0)));
      progress.done(spec.name(), o.state() + ": " + o.detail());
      return o;
    });
  }

  /** Puts the reason a person can act on into outcomes whose reply only says what failed. */
  private ServiceOutcome explain(ServiceOutcome o) {
    Availability a = plan.where().get(o.spec());
    if (a == null) {
      return o;
    }
    if (o.state().equals("not_running")) {
      return o.withDetail(a.notRunningReason() + " [" + o.detail() + "]");
    }
    if (o.state().equals("refused") && o.detail().contains("outside the allowed source roots")
        && a.where() != Availability.Where.STARTED_HERE) {
      String src = options.source() == null ? "the source" : options.source().toAbsolutePath().normalize().toString();
      return o.withDetail("the " + o.spec().name() + " service at " + a.url() + " does not allow " + src
          + ": it lies outside that service's source roots. The SERVICE needs ANALYZER_SOURCE_ROOTS to include it: "
          + "set it in the environment of the " + o.spec().name() + " service where it runs (" + a.url()
          + "), then restart that service; setting it for the CLI changes nothing");
    }
    return o;
  }

  private AnalysisRequest request(ServiceSpec spec) {
    return Requests.of(spec, options, plan.tools().getOrDefault(spec, List.of()), clock.instant(), null);
  }
}
