package dev.analyzer.staticanalyzer;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.staticanalyzer.config.ConfigScanner;
import dev.analyzer.staticanalyzer.deps.DependencyScanner;
import dev.analyzer.staticanalyzer.deps.OsvClient;
import dev.analyzer.staticanalyzer.deps.OsvDatabase;
import dev.analyzer.staticanalyzer.deps.OsvSettings;
import dev.analyzer.staticanalyzer.report.OriginalNames;
import dev.analyzer.staticanalyzer.report.OriginalVocabulary;
import dev.analyzer.staticanalyzer.report.ResultAssembler;
import dev.analyzer.staticanalyzer.rules.CodeRuleAnalyzer;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import dev.analyzer.staticanalyzer.secrets.SecretScanner;
import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceResolver;
import dev.analyzer.staticanalyzer.source.SourceTree;
import dev.analyzer.staticanalyzer.syntax.Parser;
import dev.analyzer.staticanalyzer.syntax.TreeSitterSettings;
import dev.analyzer.staticanalyzer.tools.BanditTool;
import dev.analyzer.staticanalyzer.tools.BuiltinTool;
import dev.analyzer.staticanalyzer.tools.EngineTool;
import dev.analyzer.staticanalyzer.tools.EslintTool;
import dev.analyzer.staticanalyzer.tools.ExternalTools;
import dev.analyzer.staticanalyzer.tools.Flake8Tool;
import dev.analyzer.staticanalyzer.tools.NpmAuditTool;
import dev.analyzer.staticanalyzer.tools.ParallelToolRun;
import dev.analyzer.staticanalyzer.tools.PylintTool;
import dev.analyzer.staticanalyzer.tools.ShellcheckTool;
import dev.analyzer.staticanalyzer.tools.StaticTool;
import dev.analyzer.staticanalyzer.tools.ToolRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The static analysis service (port 2001): built-in {@code secrets}, {@code python-security},
 * {@code js-security}, {@code config} and {@code dependencies} analyzers, plus {@code bandit},
 * {@code shellcheck} (and the other external tools) when installed and {@code npm-audit} when npm is
 * on PATH and the service is online, run in parallel over the app's source tree (the two engines
 * scan files on a pool of {@code ANALYZER_ENGINE_THREADS}, findings in file order). Replies in the
 * original's shape with normalized, merged findings and a SARIF document. Thread-safe.
 */
public final class StaticAnalyzerService implements AnalyzerService {

  public static final String NAME = "static-analyzer";
  public static final String VERSION = "0.2.0";

  private final StaticSettings settings;
  private final OsvDatabase osv;
  private final ToolSandbox sandbox;
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "static-tool");
    t.setDaemon(true);
    return t;
  });
  private final ThreadPoolExecutor engineWorkers;
  private final OsvClient online;
  private final Map<String, String> executables;
  private final boolean registryOnline;

  /** The external tools whose program {@link #StaticAnalyzerService(StaticSettings, ToolSandbox, OsvClient, Map)} can replace. */
  public static final List<String> EXTERNAL_TOOLS = List.of("bandit", "pylint", "flake8", "shellcheck", "eslint",
      NpmAuditTool.NAME);
  private volatile DependencyScanner deps;
  private volatile List<StaticTool> tools = List.of();

  /**
   * A service with {@code settings}; probes the tool sandbox ({@code ANALYZER_TOOL_SANDBOX}).
   *
   * @throws dev.analyzer.core.settings.SettingsException when the sandbox is required and does not work
   */
  public StaticAnalyzerService(StaticSettings settings) {
    this(settings, ToolSandbox.select(settings.toolSandbox()));
  }

  /** A service whose tools run in {@code sandbox} (chosen by the caller; {@code settings.toolSandbox()} is not read). */
  public StaticAnalyzerService(StaticSettings settings, ToolSandbox sandbox) {
    this(settings, sandbox, null);
  }

  /**
   * A service whose tools run in {@code sandbox} and whose dependencies analyzer asks {@code online}
   * (null: the shipped snapshot and {@code ANALYZER_OSV_DIR} only).
   */
  public StaticAnalyzerService(StaticSettings settings, ToolSandbox sandbox, OsvClient online) {
    this(settings, sandbox, online, Map.of());
  }

  /**
   * As {@link #StaticAnalyzerService(StaticSettings, ToolSandbox, OsvClient)}, with {@code executables}
   * (tool name to program) started in place of the external tools' own programs
   * ({@code bandit}, {@code pylint}, {@code flake8}, {@code shellcheck} on PATH, ESLint's install):
   * detection ({@code <program> --version}) and runs use the given program. An injection point for
   * wrappers and for tests that run a real process behaving like a broken tool.
   *
   * @throws IllegalArgumentException when a name is not an external tool of this service or a program is blank
   */
  public StaticAnalyzerService(StaticSettings settings, ToolSandbox sandbox, OsvClient online,
      Map<String, String> executables) {
    this(settings, sandbox, online, executables, online != null);
  }

  /**
   * As {@link #StaticAnalyzerService(StaticSettings, ToolSandbox, OsvClient, Map)}, with
   * {@code registryOnline} saying whether {@code npm-audit} may ask the npm registry (false under
   * {@code ANALYZER_OFFLINE=1}; the four-argument constructor takes it from {@code online != null}).
   *
   * @throws IllegalArgumentException when a name is not an external tool of this service or a program is blank
   */
  public StaticAnalyzerService(StaticSettings settings, ToolSandbox sandbox, OsvClient online,
      Map<String, String> executables, boolean registryOnline) {
    for (Map.Entry<String, String> e : executables.entrySet()) {
      if (!EXTERNAL_TOOLS.contains(e.getKey())) {
        throw new IllegalArgumentException("no external tool " + e.getKey() + " to start another program for; the"
            + " external tools are " + EXTERNAL_TOOLS);
      }
      if (e.getValue() == null || e.getValue().isBlank()) {
        throw new IllegalArgumentException("the program for " + e.getKey() + " must not be blank");
      }
    }
    this.executables = Map.copyOf(executables);
    this.settings = settings;
    this.sandbox = sandbox;
    this.online = online;
    this.registryOnline = registryOnline;
    this.engineWorkers = engineWorkers(settings.engineWorkers());
    try {
      this.osv = OsvDatabase.load(settings.osvDir());
    } catch (IOException e) {
      throw new UncheckedIOException("the OSV snapshot could not be read", e);
    }
  }

  /**
   * A service configured from the process environment (OSV online unless {@code ANALYZER_OFFLINE=1};
   * {@code ANALYZER_TREESITTER_LIB} or the system property {@code analyzer.treesitter.lib}).
   */
  public static StaticAnalyzerService fromEnvironment() {
    StaticSettings s = StaticSettings.fromEnvironment(TreeSitterSettings.processEnvironment());
    // load the parser binding now, so the log says which one at start-up, not at the first parse
    Parser.binding();
    return new StaticAnalyzerService(s, ToolSandbox.select(s.toolSandbox()),
        OsvSettings.client(Environment.system(), java.time.Clock.systemUTC()), Map.of(),
        !OsvSettings.OFFLINE_OPTION.read(Environment.system()));
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
    return AnalysisKind.STATIC;
  }

  @Override
  public List<String> detectTools(ProcessRunner runner) {
    DependencyScanner deps = new DependencyScanner(osv, online);
    this.deps = deps;
    List<StaticTool> all = new ArrayList<>();
    all.add(new BuiltinTool(SecretScanner.TOOL, "structure", VERSION, f -> true, (f, t) -> SecretScanner.scan(f.path(), t)));
    int threads = settings.engineWorkers();
    all.add(new EngineTool(CodeRuleAnalyzer.PYTHON_TOOL, "python", VERSION, Language.PYTHON, engineWorkers,
        threads));
    all.add(new EngineTool(CodeRuleAnalyzer.JS_TOOL, "javascript", VERSION, Language.JAVASCRIPT, engineWorkers,
        threads));
    all.add(new BuiltinTool(ConfigScanner.TOOL, "structure", VERSION,
        f -> f.language() == Language.DOCKERFILE || f.language() == Language.PYTHON || f.name().startsWith(".env"),
        (f, t) -> ConfigScanner.scan(f.path(), f.name(), f.language(), t)));
    all.add(new BuiltinTool(DependencyScanner.TOOL, "structure", VERSION + "+osv-" + osv.snapshotDate(),
        f -> DependencyScanner.isManifest(f.name()), (f, t) -> deps.scan(f.path(), f.name(), t)));
    all.add(new BanditTool(detect(runner, "bandit"), settings.toolTimeout(), sandbox, executables.get("bandit")));
    all.add(new PylintTool(detect(runner, "pylint"), settings.toolTimeout(), sandbox, executables.get("pylint")));
    all.add(new Flake8Tool(detect(runner, "flake8"), settings.toolTimeout(), sandbox, executables.get("flake8")));
    all.add(new ShellcheckTool(detect(runner, "shellcheck"), settings.toolTimeout(), sandbox,
        executables.get("shellcheck")));
    all.add(new NpmAuditTool(ExternalTools.detect(runner, executables.getOrDefault(NpmAuditTool.NAME, "npm")),
        registryOnline, settings.toolTimeout(), executables.get(NpmAuditTool.NAME)));
    Optional<Path> eslintHome = EslintTool.locate(settings.eslintDir());
    all.add(new EslintTool(eslintHome.orElse(null), eslintHome.map(h -> ExternalTools.detect(runner,
        executables.getOrDefault("eslint", EslintTool.executable(h).toString()))).orElse(null),
        settings.toolTimeout(), sandbox, executables.get("eslint")));
    tools = List.copyOf(all);
    List<String> available = new ArrayList<>();
    for (StaticTool t : all) {
      if (runnable(t)) {
        available.add(t.name());
      }
    }
    return available;
  }

  /**
   * The pool the engines scan files on ({@code ANALYZER_ENGINE_THREADS}), shared by every analysis so
   * that concurrent ones do not multiply the threads; its idle threads end after a minute (each keeps
   * native tree-sitter parsers). Null for one thread: files are scanned on the tool's own thread.
   */
  private static ThreadPoolExecutor engineWorkers(int threads) {
    if (threads == 1) {
      return null;
    }
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "static-engine");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private String detect(ProcessRunner runner, String tool) {
    return ExternalTools.detect(runner, executables.getOrDefault(tool, tool));
  }

  /** Every tool, available or not, in run order. */
  public List<StaticTool> tools() {
    return tools;
  }

  @Override
  public AnalysisOutcome analyze(AnalysisContext ctx) throws Exception {
    AnalysisRequest req = ctx.request();
    SourceResolver.Resolution source = SourceResolver.resolve(ctx, settings.appsDir());
    if (source.error() != null) {
      return failed(ctx, source.error());
    }
    ctx.progress("discovering", "listing files under " + source.shown(), 0.0);
    SourceTree tree;
    try {
      tree = SourceTree.walk(source.directory(), settings.walkLimits());
    } catch (IOException e) {
      return failed(ctx, "source path not found or not readable: " + source.shown());
    }
    Set<String> selected = req.selectedTools();
    Map<String, List<String>> covering = covering(req, selected, tree);
    Set<String> wanted = new java.util.HashSet<>(selected);
    covering.values().forEach(wanted::addAll);
    List<StaticTool> toRun = new ArrayList<>();
    ResultAssembler report = new ResultAssembler();
    for (StaticTool t : tools) {
      if (!selected.isEmpty() && !wanted.contains(t.name())) {
        continue;
      }
      if (!req.isToolEnabled(t.name())) {
        report.add(entry(t, ToolResult.notRun(t.name(), ToolStatus.SKIPPED, "disabled by config"), List.of()));
      } else if (t instanceof NpmAuditTool npm && npm.unavailableReason().isPresent()) {
        String why = npm.unavailableReason().get();
        report.add(entry(t, ToolResult.notRun(t.name(), npm.version() == null ? ToolStatus.NOT_INSTALLED
            : ToolStatus.SKIPPED, why), List.of()));
      } else if (!t.available()) {
        report.add(entry(t, ToolResult.notRun(t.name(), ToolStatus.NOT_INSTALLED, t.name()
            + " is not installed on this service's machine (scripts/install-tools.sh installs it)"), List.of()));
      } else if (refusedBySandbox(t)) {
        report.add(entry(t, ToolResult.notRun(t.name(), ToolStatus.SKIPPED, t.name() + ToolSandbox.REFUSAL),
            List.of()));
      } else if (!t.appliesTo(tree)) {
        report.add(entry(t, ToolResult.notRun(t.name(), ToolStatus.NO_FILES, "no files for " + t.name()), List.of()));
      } else {
        toRun.add(t);
      }
    }
    for (String name : selected) {
      Optional<OriginalNames.Name> original = OriginalNames.of(name);
      String group = original.map(OriginalNames.Name::group).orElse("_metadata");
      if (covering.containsKey(name)) {
        report.cover(name, group, covering.get(name), original.map(OriginalNames.Name::reason).orElse(null));
      } else if (tools.stream().anyMatch(t -> t.name().equals(name))) {
        continue;
      } else if (!req.isToolEnabled(name)) {
        report.unavailable(name, group, OriginalVocabulary.SKIPPED, null, "disabled by config");
      } else if (original.isPresent()) {
        report.unavailable(name, "_metadata", OriginalVocabulary.NOT_AVAILABLE, "no_engine",
            name + " is not available here: " + original.get().reason());
      } else {
        report.unavailable(name, "_metadata", OriginalVocabulary.NOT_AVAILABLE, "unknown_tool",
            name + " is not a tool of this service; available: " + availableNames());
      }
    }
    ParallelToolRun.runAll(toRun, tree, ctx, report, workers);
    coverFailed(selected, toRun, report);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("source_path", tree.root().toString());
    meta.put("file_counts", tree.fileCounts());
    meta.put("total_files", tree.files().size());
    meta.put("security_files", securityFiles(tree));
    Map<String, Object> summaryExtra = new LinkedHashMap<>();
    summaryExtra.put("files_analyzed", tree.files().size());
    summaryExtra.put("files_skipped", tree.skippedCounts());
    summaryExtra.put("bytes_analyzed", tree.totalBytes());
    summaryExtra.put("directories_ignored", tree.ignoredDirectories());
    summaryExtra.put("osv_snapshot_date", osv.snapshotDate());
    DependencyScanner d = deps;
    summaryExtra.put("advisory_source", d == null ? "snapshot " + osv.snapshotDate() : d.source());
    int ok = 0;
    int failed = 0;
    for (ResultAssembler.Entry e : report.entries()) {
      if (e.result().status() == ToolStatus.SUCCESS) {
        ok++;
      } else if (e.result().status() == ToolStatus.ERROR || e.result().status() == ToolStatus.TIMEOUT) {
        failed++;
      }
    }
    String status = failed == 0 ? "success" : ok > 0 ? "partial" : "error";
    Analysis analysis = report.build(req, ctx.clock().instant(), status, meta, summaryExtra);
    ctx.progress("done", analysis.findings().size() + " findings from " + ok + " tools", 100.0);
    if (failed > 0) {
      String why = failed + " tool(s) failed: " + failedTools(report);
      return ok > 0 ? AnalysisOutcome.partial(analysis, why) : AnalysisOutcome.error(analysis, why);
    }
    return new AnalysisOutcome(ResultStatus.SUCCESS, analysis, null);
  }

  /**
   * For each requested name this service does not run as itself (one of the original's names, or
   * one of our tools that cannot run here or has no files in {@code tree}), the engines that run for
   * it instead; a name disabled by {@code config.<name>.enabled=false} gets none.
   */
  private Map<String, List<String>> covering(AnalysisRequest req, Set<String> selected, SourceTree tree) {
    Set<String> runnable = new java.util.HashSet<>();
    Map<String, StaticTool> byName = new java.util.HashMap<>();
    for (StaticTool t : tools) {
      byName.put(t.name(), t);
      if (runnable(t)) {
        runnable.add(t.name());
      }
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : selected) {
      if (!req.isToolEnabled(name)) {
        continue;
      }
      if (runnable.contains(name)) {
        // a tool that runs here but has no files in this tree (npm-audit without a lock file) is
        // covered by those of its engines that do (dependencies on package.json)
        if (!byName.get(name).appliesTo(tree)) {
          List<String> applying = new ArrayList<>();
          for (String e : OriginalNames.coveringEngines(name, runnable)) {
            if (byName.containsKey(e) && byName.get(e).appliesTo(tree)) {
              applying.add(e);
            }
          }
          if (!applying.isEmpty()) {
            out.put(name, applying);
          }
        }
        continue;
      }
      List<String> engines = OriginalNames.coveringEngines(name, runnable);
      if (!engines.isEmpty()) {
        out.put(name, engines);
      }
    }
    return out;
  }

  /**
   * A requested tool that ran and failed (error, timeout) is also covered by those of its engines
   * that ran for this request (npm-audit refused by the registry: dependencies, OSV), so that their
   * findings still have the requested name's record as owner (ManagerLayout) and reach the
   * original's fallback reader; the record keeps the tool's own failure as its status and error.
   */
  private static void coverFailed(Set<String> selected, List<StaticTool> ran, ResultAssembler report) {
    Set<String> ranNames = new java.util.HashSet<>();
    ran.forEach(t -> ranNames.add(t.name()));
    for (ResultAssembler.Entry e : report.entries()) {
      ToolStatus s = e.result().status();
      if (!selected.contains(e.tool()) || (s != ToolStatus.ERROR && s != ToolStatus.TIMEOUT)) {
        continue;
      }
      List<String> engines = new ArrayList<>(OriginalNames.coveringEngines(e.tool(), ranNames));
      engines.remove(e.tool());
      if (!engines.isEmpty()) {
        report.cover(e.tool(), e.group(), engines, e.tool() + " failed here (see error); " + String.join(", ",
            engines) + " ran for it: " + OriginalNames.of(e.tool()).map(OriginalNames.Name::reason).orElse(""));
      }
    }
  }

  private static AnalysisOutcome failed(AnalysisContext ctx, String error) {
    return AnalysisOutcome.error(Analysis.builder().forRequest(ctx.request()).withStatus("error").withError(error)
        .withAnalysisTime(ctx.clock().instant()).build(), error);
  }

  private static ResultAssembler.Entry entry(StaticTool t, ToolResult r, List<Finding> findings) {
    return new ResultAssembler.Entry(t.name(), t.group(), t.version(), r, findings);
  }

  private static Map<String, Object> securityFiles(SourceTree tree) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requirements_txt", tree.files().stream().anyMatch(f -> f.name().equals("requirements.txt")));
    m.put("package_json", tree.files().stream().anyMatch(f -> f.name().equals("package.json")));
    m.put("dockerfile", !tree.files(Language.DOCKERFILE).isEmpty());
    m.put("env_file", tree.files().stream().anyMatch(f -> f.name().equals(".env")));
    return m;
  }

  private static String failedTools(ResultAssembler report) {
    List<String> names = new ArrayList<>();
    for (ResultAssembler.Entry e : report.entries()) {
      if (e.result().status() == ToolStatus.ERROR || e.result().status() == ToolStatus.TIMEOUT) {
        names.add(e.tool() + " (" + e.result().error() + ")");
      }
    }
    return String.join("; ", names);
  }

  /** True when {@code t} may run code of the app and no sandbox confines it (and the operator did not say off). */
  private boolean refusedBySandbox(StaticTool t) {
    return t.importsAnalysedCode() && sandbox.refusesCodeImportingTools();
  }

  private boolean runnable(StaticTool t) {
    return t.available() && !refusedBySandbox(t);
  }

  /** The sandbox external tools run in. */
  public ToolSandbox sandbox() {
    return sandbox;
  }

  private String availableNames() {
    List<String> names = new ArrayList<>();
    for (StaticTool t : tools) {
      if (runnable(t)) {
        names.add(t.name());
      }
    }
    return String.join(", ", names);
  }

  /** The advisory snapshot's date. */
  public String osvSnapshotDate() {
    return osv.snapshotDate();
  }
}
