package dev.analyzer.manager.run;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisRequestBuilder;
import dev.analyzer.manager.services.ServiceSpec;
import java.nio.file.Path;
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
import java.util.function.Predicate;

/**
 * One analysis of one app: every requested service at once, in parallel, through one client, with
 * live progress. {@link #cancel()} (Ctrl-C) cancels the remote analyses. Thread-safe.
 */
public final class AnalysisRun {

  private static final DateTimeFormatter TASK = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  /** What the run produced. */
  public record Report(String taskId, AnalyzeOptions options, Instant started, Instant finished,
      List<ServiceOutcome> outcomes) {}

  private final AnalyzerClient client;
  private final AnalyzeOptions options;
  private final ProgressPrinter progress;
  private final Predicate<ServiceSpec> exists;
  private final List<AnalysisHandle> handles = new CopyOnWriteArrayList<>();
  private final String taskId;

  /**
   * @param exists tells whether a service is built (others are reported "not built yet" and not sent)
   */
  public AnalysisRun(AnalyzerClient client, AnalyzeOptions options, ProgressPrinter progress, Predicate<ServiceSpec> exists) {
    this.client = client;
    this.options = options;
    this.progress = progress;
    this.exists = exists;
    Instant now = Instant.now();
    this.taskId = "analysis_" + TASK.format(now) + "_" + UUID.randomUUID().toString().substring(0, 4);
  }

  public String taskId() {
    return taskId;
  }

  /** Runs every requested analysis and waits for all. */
  public Report execute() {
    Instant started = Instant.now();
    Map<ServiceSpec, CompletableFuture<ServiceOutcome>> futures = new LinkedHashMap<>();
    for (ServiceSpec spec : options.services()) {
      if (!exists.test(spec)) {
        ServiceOutcome o = ServiceOutcome.notBuilt(spec);
        progress.done(spec.name(), "not built yet");
        futures.put(spec, CompletableFuture.completedFuture(o));
        continue;
      }
      String missing = missingInput(spec);
      if (missing != null) {
        progress.done(spec.name(), "skipped: " + missing);
        futures.put(spec, CompletableFuture.completedFuture(ServiceOutcome.skipped(spec, missing)));
        continue;
      }
      AnalysisRequest req = request(spec);
      long t0 = System.nanoTime();
      AnalysisHandle h = client.submit(req, p -> progress.update(spec.name(), p), options.timeout());
      handles.add(h);
      futures.put(spec, h.result().thenApply(reply -> {
        ServiceOutcome o = ServiceOutcome.of(spec, reply, Duration.ofNanos(System.nanoTime() - t0));
        progress.done(spec.name(), o.state() + ": " + o.detail());
        return o;
      }));
    }
    List<ServiceOutcome> outcomes = new ArrayList<>();
    for (CompletableFuture<ServiceOutcome> f : futures.values()) {
      outcomes.add(f.join());
    }
    return new Report(taskId, options, started, Instant.now(), outcomes);
  }

  /** Cancels every remote analysis still running (their replies become "cancelled"). */
  public void cancel() {
    for (AnalysisHandle h : handles) {
      h.cancel();
    }
  }

  private String missingInput(ServiceSpec spec) {
    switch (spec.kind()) {
      case DYNAMIC:
      case PERFORMANCE:
        return options.urls().isEmpty() ? "needs --url" : null;
      default:
        return options.source() == null && options.model() == null ? "needs --source (or --model and --app)" : null;
    }
  }

  private AnalysisRequest request(ServiceSpec spec) {
    AnalysisRequestBuilder b = AnalysisRequest.builder(spec.kind()).withModelSlug(options.model())
        .withAppNumber(options.app()).withTimestamp(Instant.now());
    if (!options.tools().isEmpty()) {
      b.withTools(options.tools());
    }
    Path src = options.source();
    if (src != null && (spec.kind() == AnalysisKind.STATIC || spec.kind() == AnalysisKind.AI)) {
      b.withSourcePath(src.toAbsolutePath().normalize().toString());
    }
    if (!options.urls().isEmpty() && spec.kind() != AnalysisKind.STATIC) {
      b.withTargetUrls(options.urls());
    }
    if (options.timeout() != null) {
      b.withTimeoutSeconds((int) Math.max(1, options.timeout().toSeconds()));
    }
    return b.build();
  }
}
