package dev.analyzer.dynamic;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.dynamic.report.DynamicResultAssembler;
import dev.analyzer.dynamic.report.Rule;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfigReader;
import dev.analyzer.dynamic.scan.ScanListener;
import dev.analyzer.dynamic.scan.ScanReport;
import dev.analyzer.dynamic.scan.ScanSession;
import dev.analyzer.dynamic.tools.DynamicTool;
import dev.analyzer.dynamic.tools.NmapTool;
import dev.analyzer.dynamic.tools.SqlmapTool;
import dev.analyzer.dynamic.tools.ToolRequest;
import dev.analyzer.dynamic.tools.ToolRun;
import dev.analyzer.dynamic.tools.WapitiTool;
import dev.analyzer.dynamic.tools.ZapTool;
import dev.analyzer.http.client.HttpEngine;
import dev.analyzer.http.target.HostResolver;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.http.target.TargetRefusedException;
import dev.analyzer.http.target.Targets;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dynamic analysis service (port 2002): the built-in engine ({@link DynamicScan}) on the
 * request's targets, then the external tools the request names (wapiti, nmap, sqlmap, zap) on the
 * same budget, findings merged. Replies {@code dynamic_analysis_result} in the original's shape.
 * Thread-safe: analyses run at once, each with its own HTTP session.
 */
public final class DynamicAnalyzerService implements AnalyzerService {

  public static final String NAME = "dynamic-analyzer";
  public static final String VERSION = "2.1.0";

  private final DynamicSettings settings;
  private final TargetPolicy policy;
  private final HttpEngine engine;
  private final DynamicScan scanner;
  private final List<DynamicTool> tools;
  private final Map<String, ToolInfo> detected = new LinkedHashMap<>();

  public DynamicAnalyzerService(DynamicSettings settings, TargetPolicy policy) {
    this.settings = settings;
    this.policy = policy;
    this.engine = HttpEngine.builder().withTargetPolicy(policy).withReadTimeout(settings.scanDefaults().requestTimeout())
        .withTotalTimeout(settings.scanDefaults().requestTimeout()).withSelfSignedOnLoopback(true).build();
    this.scanner = DynamicScan.builder().withConfig(settings.scanDefaults()).withTargetPolicy(policy)
        .withHttpEngine(engine).build();
    this.tools = List.of(new WapitiTool(), new NmapTool(), new SqlmapTool(), new ZapTool(settings.zapApiUrl(),
        settings.zapApiKeyVariable(), policy));
  }

  /** A service configured from the process environment. */
  public static DynamicAnalyzerService fromEnvironment() {
    Environment env = Environment.system();
    return new DynamicAnalyzerService(DynamicSettings.fromEnvironment(env),
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
    return AnalysisKind.DYNAMIC;
  }

  @Override
  public List<ToolInfo> detectToolDetails(ProcessRunner runner) {
    List<ToolInfo> out = new ArrayList<>();
    out.add(new ToolInfo(Rule.ENGINE, VERSION, null));
    out.add(ToolInfo.builtin("curl-endpoint-tester"));
    for (DynamicTool t : tools) {
      t.detect(runner).ifPresent(info -> {
        detected.put(t.name(), info);
        out.add(info);
      });
    }
    return out;
  }

  @Override
  public AnalysisOutcome analyze(AnalysisContext ctx) throws Exception {
    AnalysisRequest req = ctx.request();
    ScanConfigReader.Read read;
    List<ResolvedTarget> targets = new ArrayList<>();
    try {
      read = ScanConfigReader.read(req.config(), settings.scanDefaults());
      for (Target t : Targets.of(req, appDir(ctx))) {
        ResolvedTarget r = policy.check(t);
        if (!targets.contains(r)) {
          targets.add(r);
        }
      }
    } catch (TargetRefusedException | IllegalArgumentException e) {
      return failed(ctx, e.getMessage());
    } catch (dev.analyzer.core.protocol.ProtocolException e) {
      return failed(ctx, e.getMessage());
    }
    Set<String> selected = req.selectedTools();
    List<DynamicTool> toRun = new ArrayList<>();
    List<ToolRun> runs = new ArrayList<>();
    for (DynamicTool t : tools) {
      boolean named = selected.contains(t.name()) || (selected.contains("all") && !t.optIn());
      if (named && !req.isToolEnabled(t.name())) {
        runs.add(ToolRun.failed(t.name(), ToolStatus.SKIPPED, "disabled by config", List.of(), 0));
      } else if (named && !detected.containsKey(t.name())) {
        runs.add(ToolRun.failed(t.name(), ToolStatus.NOT_INSTALLED, t.name().equals("zap")
            ? "ZAP_API_URL is not set: ZAP is not installable here, point it at a ZAP daemon you run"
            : t.name() + " is not installed on this service's machine (scripts/install-tools.sh installs it)",
            List.of(), 0));
      } else if (named) {
        toRun.add(t);
      }
    }
    Duration toolShare = toRun.isEmpty() ? Duration.ZERO : settings.toolTimeout().compareTo(ctx.remaining()
        .dividedBy(2)) < 0 ? settings.toolTimeout() : ctx.remaining().dividedBy(2);
    Duration room = ctx.remaining().minusSeconds(5).minus(toolShare);
    List<String> notes = new ArrayList<>(read.notes());
    if (room.compareTo(Duration.ofSeconds(1)) >= 0 && room.compareTo(read.config().maxDuration()) < 0) {
      read = new ScanConfigReader.Read(read.config().toBuilder().withMaxDuration(room).build(), notes, read.profile());
      notes.add("max_duration lowered to " + room.toSeconds() + " s so the engine ends before the analysis deadline");
    }
    ScanListener listener = new ProgressBridge(ctx);
    ScanReport report;
    List<Finding> findings;
    try (ScanSession session = scanner.open(targets, read.config(), listener)) {
      report = session.runEngine();
      List<String> reachable = new ArrayList<>();
      Map<String, String> hosts = new LinkedHashMap<>();
      for (int i = 0; i < targets.size(); i++) {
        if (report.connectivity().get(i).answered()) {
          reachable.add(targets.get(i).target().toString());
          hosts.put(targets.get(i).target().toString(), targets.get(i).address().getAddress().getHostAddress());
        }
      }
      int toolIndex = 0;
      for (DynamicTool t : toRun) {
        toolIndex++;
        if (ctx.isCancelled() || reachable.isEmpty()) {
          runs.add(ToolRun.failed(t.name(), ToolStatus.SKIPPED, reachable.isEmpty() ? "no target answered"
              : "cancelled", List.of(), 0));
          continue;
        }
        Duration left = ctx.remaining().minusSeconds(2);
        Duration timeout = left.compareTo(settings.toolTimeout()) < 0 ? left : settings.toolTimeout();
        if (timeout.isNegative() || timeout.isZero()) {
          runs.add(ToolRun.failed(t.name(), ToolStatus.SKIPPED, "no time left before the deadline", List.of(), 0));
          continue;
        }
        Path scratch = Files.createTempDirectory("dynamic-" + t.name());
        try {
          ctx.progress("tools", "running " + t.name(), 82.0 + 17.0 * (toolIndex - 1) / toRun.size(), toolIndex - 1,
              toRun.size());
          Map<String, Object> toolConfig = req.toolConfig(t.name());
          if (t instanceof NmapTool) {
            // nmap talks to the target directly: its share of the budget is reserved up front
            NmapTool.Allowance a = NmapTool.allowance(session.http().budget(), read.config().maxRate(), timeout);
            if (a == null) {
              runs.add(ToolRun.failed(t.name(), ToolStatus.SKIPPED, "the request budget left is below what nmap may"
                  + " send in " + NmapTool.MIN_SECONDS + " s", List.of(), 0));
              continue;
            }
            toolConfig = a.into(toolConfig);
          }
          ToolRun run = t.run(new ToolRequest(ctx.processes(), session.proxy().url(), reachable, hosts, report,
              report.suspects(), read.profile(), timeout, toolConfig, scratch,
              line -> ctx.progress("tools", t.name() + ": " + line, null)));
          session.sink().addAll(run.findings());
          runs.add(run);
          ctx.progress("tools", t.name() + " " + run.status().wire() + ", " + run.findings().size() + " finding(s)",
              82.0 + 17.0 * toolIndex / toRun.size(), toolIndex, toRun.size());
        } finally {
          deleteTree(scratch);
        }
      }
      findings = session.sink().findings();
    }
    String status = report.connectivityStatus();
    boolean toolFailed = runs.stream().anyMatch(r -> r.status() == ToolStatus.ERROR || r.status() == ToolStatus.TIMEOUT);
    boolean exhausted = Boolean.TRUE.equals(report.stats().get("budget_exhausted"));
    if (status.equals("success") && (toolFailed || exhausted)) {
      status = "partial";
    }
    String error = switch (status) {
      case "targets_unreachable" -> "no target answered: " + String.join("; ", report.skipped());
      case "partial" -> String.join("; ", partialReasons(report, runs, exhausted));
      default -> null;
    };
    Analysis a = DynamicResultAssembler.build(req, ctx.clock().instant(), status, error, report, findings, runs,
        VERSION, notes);
    ctx.progress("done", findings.size() + " finding(s), " + report.stats().get("requests_sent") + " request(s)",
        100.0);
    return switch (status) {
      case "success" -> AnalysisOutcome.success(a);
      case "partial" -> AnalysisOutcome.partial(a, error);
      default -> new AnalysisOutcome(ResultStatus.TARGETS_UNREACHABLE, a, error);
    };
  }

  private static List<String> partialReasons(ScanReport report, List<ToolRun> runs, boolean exhausted) {
    List<String> out = new ArrayList<>();
    report.connectivity().stream().filter(r -> !r.answered()).forEach(r -> out.add(r.target() + " did not answer ("
        + r.status().wire() + ")"));
    runs.stream().filter(r -> r.status() == ToolStatus.ERROR || r.status() == ToolStatus.TIMEOUT)
        .forEach(r -> out.add(r.tool() + " " + r.status().wire() + ": " + r.error()));
    if (exhausted) {
      out.add("request budget exhausted; see skipped");
    }
    return out;
  }

  private Optional<Path> appDir(AnalysisContext ctx) {
    AnalysisRequest req = ctx.request();
    if (req.modelSlug() == null || req.appNumber() == null || !req.modelSlug().matches("[\\w.@-]{1,200}")) {
      return Optional.empty();
    }
    try {
      Path p = ctx.resolveSource(settings.appsDir().resolve(req.modelSlug()).resolve("app" + req.appNumber()));
      return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static AnalysisOutcome failed(AnalysisContext ctx, String error) {
    return AnalysisOutcome.error(Analysis.builder().forRequest(ctx.request()).withStatus("error").withError(error)
        .withAnalysisTime(ctx.clock().instant()).build(), error);
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // the OS temp cleaner takes what is left
    }
  }

  /** The settings this service runs with. */
  public DynamicSettings settings() {
    return settings;
  }
}
