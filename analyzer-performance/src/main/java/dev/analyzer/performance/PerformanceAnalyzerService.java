package dev.analyzer.performance;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ProtocolException;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.http.client.HttpEngine;
import dev.analyzer.http.client.HttpSession;
import dev.analyzer.http.client.Reachability;
import dev.analyzer.http.client.RequestBudget;
import dev.analyzer.http.target.HostResolver;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.http.target.TargetRefusedException;
import dev.analyzer.http.target.Targets;
import dev.analyzer.performance.config.LoadRequest;
import dev.analyzer.performance.config.LoadRequestReader;
import dev.analyzer.performance.report.PerformanceReport;
import dev.analyzer.performance.report.UrlReport;
import dev.analyzer.performance.scenario.ScenarioSource;
import dev.analyzer.performance.tools.LoadJob;
import dev.analyzer.performance.tools.LoadTool;
import dev.analyzer.performance.tools.ToolRecord;
import dev.analyzer.performance.tools.ToolSet;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The performance service (port 2003): checks each target URL, picks its scenarios (request,
 * {@code /openapi.json}, or {@code /} and {@code /api/health}) and load-tests it with the built-in
 * generator and the selected installed tools (wrk, ab, hey, locust), one tool at a time so they do
 * not compete; replies in the original's shape with a {@code load} section per URL. Every target
 * passes the {@link TargetPolicy} (loopback only unless {@code ANALYZER_ALLOWED_TARGETS}) and is
 * loaded at the address it pinned. Thread-safe.
 */
public final class PerformanceAnalyzerService implements AnalyzerService {

  public static final String NAME = "performance-tester";
  public static final String VERSION = "2.1.0";
  private static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

  private final PerformanceSettings settings;
  private final TargetPolicy policy;
  private final HttpEngine engine;
  private final ToolSet toolSet;
  private volatile List<LoadTool> tools = List.of();

  public PerformanceAnalyzerService(PerformanceSettings settings, TargetPolicy policy) {
    this.settings = settings;
    this.policy = policy;
    this.engine = HttpEngine.builder().withTargetPolicy(policy).withMaxConnectionsPerTarget(4).build();
    this.toolSet = new ToolSet(VERSION);
  }

  /** A service configured from the process environment. */
  public static PerformanceAnalyzerService fromEnvironment() {
    Environment env = Environment.system();
    return new PerformanceAnalyzerService(PerformanceSettings.fromEnvironment(env),
        TargetPolicy.fromEnvironment(env, HostResolver.system()));
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
    return AnalysisKind.PERFORMANCE;
  }

  @Override
  public List<ToolInfo> detectToolDetails(ProcessRunner runner) {
    tools = toolSet.detect(runner);
    return toolSet.infos();
  }

  /** Every tool this service knows, available or not. */
  public List<LoadTool> tools() {
    return tools;
  }

  @Override
  public AnalysisOutcome analyze(AnalysisContext ctx) throws Exception {
    AnalysisRequest req = ctx.request();
    LoadRequest load;
    List<ResolvedTarget> targets = new ArrayList<>();
    try {
      load = LoadRequestReader.read(req, settings);
      for (Target t : Targets.of(req, ctx.sourcePath())) {
        targets.add(policy.check(t));
      }
    } catch (ProtocolException | TargetRefusedException e) {
      // a request the service refuses: an error result naming the field or host, no load sent
      return AnalysisOutcome.error(e.getMessage());
    }
    List<String> selected = ToolSet.select(req.selectedTools());
    Duration perRun = load.warmup().plus(load.measured()).plusSeconds(5);
    Duration needed = perRun.multipliedBy((long) targets.size() * selected.size());
    if (needed.compareTo(ctx.remaining()) > 0) {
      return AnalysisOutcome.error("the load plan needs about " + needed.toSeconds() + " s (" + targets.size()
          + " URL(s) x " + selected.size() + " tool(s) x " + perRun.toSeconds() + " s) but the analysis deadline "
          + "leaves " + ctx.remaining().toSeconds() + " s (ANALYZER_ANALYSIS_TIMEOUT, or the request's "
          + "timeout_seconds); shorten the duration or select fewer tools");
    }
    PerformanceReport report = new PerformanceReport();
    Path work = Files.createTempDirectory("analyzer-perf-");
    try (HttpSession session = engine.openSession(RequestBudget.builder().withMaxRequests(200).build(), false)) {
      ctx.onCancel(session::close);
      ctx.progress("connectivity", "checking " + targets.size() + " target(s)", 0.0);
      List<Reachability.Result> reach = Reachability.check(session, targets, REACH_TIMEOUT).join();
      for (int i = 0; i < targets.size() && !ctx.isCancelled(); i++) {
        ResolvedTarget t = targets.get(i);
        UrlReport u = new UrlReport(t.target().toString(), reach.get(i));
        report.add(u);
        if (!u.reachable()) {
          for (String name : selected) {
            u.add(ToolRecord.failed(name, ToolStatus.SKIPPED, "target did not answer: " + reach.get(i).detail(), 0));
          }
          continue;
        }
        ScenarioSource.Choice choice = ScenarioSource.choose(load.scenarios(), session, t);
        u.scenarioSource(choice.source());
        for (String name : selected) {
          if (ctx.isCancelled()) {
            break;
          }
          ToolRecord rec = runTool(name, new LoadJob(t, load, choice.scenarios(), ctx, work, settings,
              req.toolConfig(ToolSet.configKey(name))));
          u.add(rec);
          for (String alias : ToolSet.legacyNames(req.selectedTools(), name)) {
            u.add(rec.as(alias));
          }
        }
        u.records().stream().filter(r -> r.builtin() != null).findFirst()
            .ifPresent(r -> u.verdicts(load.thresholds().evaluate(r.builtin())));
      }
    } finally {
      deleteQuietly(work);
    }
    Map<String, Object> extra = new LinkedHashMap<>(ctx.toolReport());
    extra.put("load_config", loadConfig(load));
    return report.outcome(req, ctx.clock().instant(), extra);
  }

  private ToolRecord runTool(String name, LoadJob job) throws InterruptedException {
    LoadTool tool = tools.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    if (tool == null) {
      return ToolRecord.failed(name, ToolStatus.NOT_INSTALLED, name + " is not a tool of this service; known: "
          + String.join(", ", ToolSet.KNOWN), 0);
    }
    if (!tool.available()) {
      return ToolRecord.failed(name, ToolStatus.NOT_INSTALLED, name + " is not installed on this service's machine "
          + "(scripts/install-tools.sh installs it)", 0);
    }
    try {
      return tool.run(job);
    } catch (IllegalArgumentException e) {
      return ToolRecord.failed(name, ToolStatus.ERROR, e.getMessage(), 0);
    }
  }

  private static Map<String, Object> loadConfig(LoadRequest l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", l.model().wire());
    m.put("rate", l.model() == dev.analyzer.performance.generator.WorkloadModel.OPEN && l.stages().isEmpty()
        ? l.rate() : null);
    List<Object> stages = new ArrayList<>();
    l.stages().forEach(s -> stages.add(Map.of("duration", s.duration().toMillis() / 1000.0, "target_rate",
        s.targetRate())));
    m.put("stages", stages);
    m.put("duration", l.measured().toMillis() / 1000.0);
    m.put("warmup", l.warmup().toMillis() / 1000.0);
    m.put("connections", l.connections());
    m.put("thresholds", l.thresholds().all().stream().map(t -> t.source()).toList());
    return m;
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a scratch directory left in the temp directory is harmless
    }
  }

  /** The selected tools, aliases resolved; for tests. */
  static List<String> selectedTools(Set<String> requested) {
    return ToolSet.select(requested);
  }
}
