package dev.analyzer.ai;

import dev.analyzer.ai.code.AppLocator;
import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.code.IndexingStopped;
import dev.analyzer.ai.endpoints.ControlTestResult;
import dev.analyzer.ai.endpoints.ControlTests;
import dev.analyzer.ai.quality.FactQualityScorer;
import dev.analyzer.ai.quality.MetricResult;
import dev.analyzer.ai.quality.QualitySummary;
import dev.analyzer.ai.report.AiResultAssembler;
import dev.analyzer.ai.report.RequirementsReport;
import dev.analyzer.ai.report.RunInfo;
import dev.analyzer.ai.report.ReviewFindings;
import dev.analyzer.ai.report.ToolOutcome;
import dev.analyzer.ai.requirements.RequirementLoader;
import dev.analyzer.ai.requirements.RequirementSet;
import dev.analyzer.ai.retrieval.IndexedApp;
import dev.analyzer.ai.retrieval.MiniLmEmbedder;
import dev.analyzer.ai.review.RequirementReviewer;
import dev.analyzer.ai.review.ReviewControl;
import dev.analyzer.ai.review.ReviewException;
import dev.analyzer.ai.review.TraceabilityReviewer;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.process.ProcessRunner;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AI review service (port 2004): {@code requirements-scanner} judges an app's code against its
 * requirements with the configured reviewer (OpenAI-compatible model, in-process GGUF model, or
 * embedding-ir with no model), runs control requests against the running app when it has target
 * URLs, and {@code code-quality-analyzer} scores the eight quality metrics from code facts. Replies
 * in the original's shape; every tool record says how it was made. Thread-safe.
 */
public final class AiAnalyzerService implements AnalyzerService {

  public static final String NAME = "ai-analyzer";
  public static final String VERSION = "0.1.0";
  public static final String REQUIREMENTS = "requirements-scanner";
  public static final String QUALITY = "code-quality-analyzer";

  private final AiSettings settings;
  private final ReviewerSelector selector;
  private final ControlTests controlTests;

  public AiAnalyzerService(AiSettings settings, ReviewerSelector selector, ControlTests controlTests) {
    this.settings = settings;
    this.selector = selector;
    this.controlTests = controlTests;
  }

  /** A service configured from the process environment. */
  public static AiAnalyzerService fromEnvironment() {
    Environment env = Environment.system();
    AiSettings s = AiSettings.fromEnvironment(env);
    // Load MiniLM (about 2 s) while the server starts, not during the first analysis.
    Thread warm = new Thread(MiniLmEmbedder::shared, "minilm-load");
    warm.setDaemon(true);
    warm.start();
    return new AiAnalyzerService(s, Reviewers.fromEnvironment(s, env), ControlTests.fromEnvironment(env));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public AnalysisKind kind() {
    return AnalysisKind.AI;
  }

  @Override
  public List<ToolInfo> detectToolDetails(ProcessRunner runner) {
    return List.of(new ToolInfo(REQUIREMENTS, VERSION, null), new ToolInfo(QUALITY, VERSION, null));
  }

  @Override
  public AnalysisOutcome analyze(AnalysisContext ctx) throws Exception {
    AnalysisRequest req = ctx.request();
    ToolSelection tools = ToolSelection.of(req);
    if (!tools.requirements() && !tools.quality()) {
      String why = "No valid analysis tool selected. Available: [" + REQUIREMENTS + ", " + QUALITY + "]";
      return AnalysisOutcome.error(Analysis.builder().forRequest(req).withStatus("error").withError(why)
          .withAnalysisTime(ctx.clock().instant()).build(), why);
    }
    AppLocator.Located app = AppLocator.locate(ctx, settings.appsDir());
    if (app.error() != null) {
      return failed(ctx, app.error());
    }
    ctx.progress("indexing", "reading and indexing " + app.shown(), 0.0);
    AppSource source;
    try {
      source = AppSource.read(app.directory(), settings.maxFiles(), settings.maxFileBytes(), settings.maxAppBytes());
    } catch (IOException e) {
      return failed(ctx, "source path not readable: " + app.shown());
    }
    if (source.files().isEmpty()) {
      return failed(ctx, "no readable source file in " + app.shown() + " (Python, JavaScript/TypeScript, HTML, Vue, "
          + "Svelte, CSS; skipped: " + source.skipped() + "); nothing to check");
    }
    IndexedApp indexed;
    try {
      indexed = IndexedApp.build(source, MiniLmEmbedder.shared(),
          () -> ctx.isCancelled() || !ctx.clock().instant().isBefore(ctx.deadline()));
    } catch (IndexingStopped e) {
      return failed(ctx, (ctx.isCancelled() ? "cancelled" : "deadline passed") + " while indexing " + app.shown()
          + " (" + source.files().size() + " files)");
    }
    AiResultAssembler report = new AiResultAssembler();
    String templateSlug = req.config().get("template_slug") instanceof String s ? s : null;
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("source", app.shown());
    meta.put("files_analyzed", source.files().size());
    meta.put("files_skipped", source.skipped());
    meta.put("facts_extracted", indexed.facts().size());
    List<String> incomplete = new ArrayList<>();
    if (tools.requirements()) {
      RequirementSet set = requirements(ctx, req, app, report);
      if (set != null) {
        templateSlug = set.templateSlug();
        if (set.truncated()) {
          incomplete.add(REQUIREMENTS + ": only the first " + set.requirements().size() + " of " + set.truncatedFrom()
              + " requirements (" + set.source() + ") were checked; at most " + RequirementLoader.MAX_REQUIREMENTS
              + " per analysis");
          meta.put("requirements_truncated_from", set.truncatedFrom());
        }
        runRequirements(ctx, set, indexed, app, report, meta);
      }
    }
    if (tools.quality() && !ctx.isCancelled()) {
      runQuality(indexed, report);
    }
    if (!tools.ignored().isEmpty()) {
      meta.put("ignored_tools", tools.ignored());
    }
    if (!incomplete.isEmpty()) {
      meta.put("incomplete", incomplete);
    }
    long failed = report.failures().size();
    String status = failed == 0 && incomplete.isEmpty() ? "success" : report.successes() > 0 ? "partial" : "error";
    Analysis analysis = report.build(req, ctx.clock().instant(), templateSlug, tools.requested(), status, meta);
    ctx.progress("done", report.successes() + " of " + report.outcomes().size() + " tools succeeded", 100.0);
    if (failed == 0 && incomplete.isEmpty()) {
      return AnalysisOutcome.success(analysis);
    }
    List<String> reasons = new ArrayList<>(report.failures().stream().map(o -> o.tool() + ": " + o.error()).toList());
    reasons.addAll(incomplete);
    String why = String.join("; ", reasons);
    return report.successes() > 0 ? AnalysisOutcome.partial(analysis, why) : AnalysisOutcome.error(analysis, why);
  }

  private RequirementSet requirements(AnalysisContext ctx, AnalysisRequest req, AppLocator.Located app,
      AiResultAssembler report) {
    RequirementLoader.Result loaded = RequirementLoader.load(req.config(), app.directory(), settings.templatesDir(),
        ctx::resolveSource);
    if (loaded.error() != null) {
      report.add(ToolOutcome.failed(REQUIREMENTS, ToolStatus.ERROR, loaded.error(), Map.of()));
      return null;
    }
    return loaded.set();
  }

  private void runRequirements(AnalysisContext ctx, RequirementSet set, IndexedApp indexed, AppLocator.Located app,
      AiResultAssembler report, Map<String, Object> meta) {
    long t0 = System.nanoTime();
    ReviewerSelector.Selection sel = selector.select(ctx.request());
    Instant deadline = min(ctx.deadline(), ctx.clock().instant().plus(settings.analysisTimeout()));
    int total = set.requirements().size();
    ReviewControl control = new ReviewControl(ctx::isCancelled, ctx::onCancel, deadline, ctx.clock(),
        (done, all) -> ctx.progress("reviewing", done + "/" + all + " requirements", 5 + 80.0 * done / Math.max(1, all),
            done, all));
    ctx.progress("reviewing", total + " requirements with " + sel.method(), 5.0, 0, total);
    RequirementReviewer.Review review;
    try {
      review = sel.reviewer().review(set.requirements(), indexed, control);
    } catch (ReviewException e) {
      ToolStatus st = ctx.isCancelled() ? ToolStatus.CANCELLED : e.isTimeout() ? ToolStatus.TIMEOUT : ToolStatus.ERROR;
      report.add(ToolOutcome.failed(REQUIREMENTS, st, e.getMessage(), Map.of("metadata", Map.of("method", sel.method()))));
      return;
    }
    List<ControlTestResult> endpoints = ctx.isCancelled() ? List.of() : controlTests.run(ctx, set, app.directory());
    Map<String, Object> results = RequirementsReport.results(review.verdicts(), endpoints);
    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) results.get("summary");
    report.requirements(review.verdicts(), endpoints, summary);
    RunInfo info = review.info().withDuration((System.nanoTime() - t0) / 1e9);
    Map<String, Object> metadata = new LinkedHashMap<>(info.toMap());
    metadata.put("ai_model_used", info.model());
    metadata.put("selection", sel.note());
    metadata.put("template_slug", set.templateSlug());
    metadata.put("requirements_source", set.source());
    metadata.put("batch_mode", false);
    List<String> notes = new ArrayList<>(review.notes());
    if (set.truncated()) {
      metadata.put("truncated_from", set.truncatedFrom());
      notes.add(0, "[TRUNCATED] only the first " + set.requirements().size() + " of " + set.truncatedFrom()
          + " requirements were checked (at most " + RequirementLoader.MAX_REQUIREMENTS + ")");
    }
    metadata.put("notes", notes);
    Map<String, Object> record = new LinkedHashMap<>(info.toMap());
    record.put("metadata", metadata);
    record.put("results", results);
    record.put("template_info", RequirementsReport.templateInfo(set));
    int unmet = (int) review.verdicts().stream().filter(v -> !v.met()).count()
        + ReviewFindings.failedEndpoints(endpoints).size();
    report.add(new ToolOutcome(REQUIREMENTS, ToolStatus.SUCCESS, record, null, info.durationSeconds(), unmet));
    meta.put("method", info.method());
  }

  private void runQuality(IndexedApp indexed, AiResultAssembler report) {
    long t0 = System.nanoTime();
    List<MetricResult> metrics = new FactQualityScorer().score(indexed);
    report.quality(metrics);
    double seconds = (System.nanoTime() - t0) / 1e9;
    RunInfo info = new RunInfo("none", "code-facts", TraceabilityReviewer.METHOD, false, 0, 0, null, seconds, 0, 0);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("quality_metrics", metrics.stream().map(MetricResult::toMap).toList());
    results.put("summary", QualitySummary.summary(metrics));
    results.put("recommendations", QualitySummary.recommendations(metrics));
    Map<String, Object> metadata = new LinkedHashMap<>(info.toMap());
    metadata.put("limitations", "scores are formulas over code facts and line patterns (see the module README); "
        + "they measure whether practices are present, not whether they are right");
    Map<String, Object> record = new LinkedHashMap<>(info.toMap());
    record.put("metadata", metadata);
    record.put("results", results);
    int failedMetrics = (int) metrics.stream().filter(m -> !m.passed()).count();
    report.add(new ToolOutcome(QUALITY, ToolStatus.SUCCESS, record, null, seconds, failedMetrics));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static AnalysisOutcome failed(AnalysisContext ctx, String error) {
    return AnalysisOutcome.error(Analysis.builder().forRequest(ctx.request()).withStatus("error").withError(error)
        .withAnalysisTime(ctx.clock().instant()).build(), error);
  }

  /** Answers the original's {@code server_status} over the wire with {@link #serverStatus()}. */
  @Override
  public java.util.Optional<Map<String, Object>> serverStatusReply() {
    return java.util.Optional.of(serverStatus());
  }

  /**
   * The body of the original's {@code server_status} reply ({@code service}, {@code version},
   * {@code status}, {@code available_tools}, {@code requirements_system}, {@code quality_metrics},
   * {@code configuration} with the method each analysis will use; never a key).
   */
  public Map<String, Object> serverStatus() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", NAME);
    m.put("version", VERSION);
    m.put("status", "healthy");
    m.put("available_tools", List.of(REQUIREMENTS, QUALITY));
    m.put("requirements_system", "template-based");
    m.put("quality_metrics", java.util.Arrays.stream(dev.analyzer.ai.quality.QualityMetric.values())
        .map(dev.analyzer.ai.quality.QualityMetric::id).toList());
    Map<String, Object> conf = new LinkedHashMap<>();
    ReviewerSelector.Selection sel = selector.select(AnalysisRequest.builder(AnalysisKind.AI).build());
    conf.put("method", sel.method());
    conf.put("selection", sel.note());
    conf.put("templates_dir_set", settings.templatesDir() != null);
    conf.put("cache_enabled", settings.cacheDir() != null);
    conf.put("max_response_tokens", settings.maxResponseTokens());
    conf.put("token_budget", settings.tokenBudget());
    conf.put("context_tokens", settings.contextTokens());
    m.put("configuration", conf);
    return m;
  }

  /** The settings this service runs with. */
  public AiSettings settings() {
    return settings;
  }
}
