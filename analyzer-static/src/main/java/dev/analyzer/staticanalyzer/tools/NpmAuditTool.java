package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessSpec;
import dev.analyzer.staticanalyzer.deps.NpmAuditReport;
import dev.analyzer.staticanalyzer.source.SourceFile;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code npm-audit}: {@code npm audit --json --package-lock-only} for every project of the tree with
 * a {@code package-lock.json} or {@code npm-shrinkwrap.json} (at most {@value #MAX_PROJECTS}). Each
 * runs in a scratch directory holding only copies of that lock file and its {@code package.json}
 * (so no {@code .npmrc}, script or {@code node_modules} of the app is read; HOME is the scratch
 * one, so only the machine's global npm configuration applies), with the tool timeout and capped
 * output. Not in the tool sandbox: npm must reach the registry, and it runs no code of the app.
 * Exit 0 (nothing found) and 1 (vulnerabilities found) are success when stdout is an audit report;
 * npm's error object (registry unreachable, audit endpoint refused) is {@code error} with npm's
 * words, as are any other exit code (with the stderr tail), no or unparsable output and output past
 * the cap. Available when {@code npm} is on PATH and the service is online (not
 * {@code ANALYZER_OFFLINE=1}). Thread-safe.
 */
public final class NpmAuditTool implements StaticTool {

  public static final String NAME = NpmAuditReport.TOOL;
  static final int MAX_PROJECTS = 20;
  static final int STDOUT_CAP = 8 * 1024 * 1024;
  static final int STDERR_CAP = 256 * 1024;
  private static final List<String> LOCK_FILES = List.of("npm-shrinkwrap.json", "package-lock.json");

  private final String version;
  private final boolean online;
  private final Duration timeout;
  private final String executable;

  /**
   * {@code version}: npm's ({@code npm --version}), null when npm is not on PATH; {@code online}:
   * false under {@code ANALYZER_OFFLINE=1}; {@code executable}: the program started in place of
   * {@code npm}, or null for {@code npm} on PATH.
   */
  public NpmAuditTool(String version, boolean online, Duration timeout, String executable) {
    if (executable != null && executable.isBlank()) {
      throw new IllegalArgumentException(NAME + ": the executable must not be blank (null for npm on PATH)");
    }
    this.version = version;
    this.online = online;
    this.timeout = timeout;
    this.executable = executable;
  }

  /** The argument list (npm's own name first). */
  static List<String> command() {
    return List.of("npm", "audit", "--json", "--package-lock-only", "--no-fund", "--no-update-notifier");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String group() {
    return "javascript";
  }

  @Override
  public boolean available() {
    return version != null && online;
  }

  /** Why the tool cannot run here, or empty when it can. */
  public Optional<String> unavailableReason() {
    if (version == null) {
      return Optional.of("npm is not on PATH");
    }
    return online ? Optional.empty() : Optional.of("ANALYZER_OFFLINE=1: npm audit needs the npm registry");
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public boolean appliesTo(SourceTree tree) {
    return tree.files().stream().anyMatch(NpmAuditTool::isLockFile);
  }

  static boolean isLockFile(SourceFile f) {
    return LOCK_FILES.contains(f.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public ToolRun run(SourceTree tree, AnalysisContext ctx) {
    List<SourceFile> locks = locks(tree);
    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> projects = new ArrayList<>();
    int packages = 0;
    String failure = null;
    ToolStatus failed = null;
    for (SourceFile lock : locks.subList(0, Math.min(MAX_PROJECTS, locks.size()))) {
      if (ctx.isCancelled()) {
        return ToolRun.failed(ToolStatus.CANCELLED, "analysis cancelled", Map.of("projects", projects));
      }
      Audit a = audit(tree, lock, ctx);
      projects.add(a.record());
      findings.addAll(a.findings());
      packages += a.packages();
      if (a.status() != ToolStatus.SUCCESS && failure == null) {
        failure = a.error();
        failed = a.status();
      }
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("projects_audited", projects.size());
    extra.put("projects_not_audited", Math.max(0, locks.size() - MAX_PROJECTS));
    extra.put("vulnerable_packages", packages);
    extra.put("projects", projects);
    extra.put("advisory_source", "npm audit (the npm registry)");
    if (failure != null) {
      return new ToolRun(failed, findings, failure, extra);
    }
    return ToolRun.success(findings, extra);
  }

  /** The lock files, one per directory (npm-shrinkwrap.json wins, as it does for npm). */
  private static List<SourceFile> locks(SourceTree tree) {
    Map<String, SourceFile> byDir = new LinkedHashMap<>();
    for (SourceFile f : tree.files()) {
      if (isLockFile(f)) {
        String dir = dirOf(f.path());
        SourceFile seen = byDir.get(dir);
        if (seen == null || f.name().equalsIgnoreCase("npm-shrinkwrap.json")) {
          byDir.put(dir, f);
        }
      }
    }
    return new ArrayList<>(byDir.values());
  }

  private static String dirOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private record Audit(ToolStatus status, List<Finding> findings, String error, int packages,
      Map<String, Object> record) {}

  private Audit audit(SourceTree tree, SourceFile lock, AnalysisContext ctx) {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("lock_file", lock.path());
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("analyzer-npm-audit-");
      String lockText = lock.read();
      Files.writeString(scratch.resolve(lock.name().toLowerCase(Locale.ROOT)), lockText);
      String dir = dirOf(lock.path());
      for (SourceFile f : tree.files()) {
        if (f.name().equals("package.json") && dirOf(f.path()).equals(dir)) {
          Files.write(scratch.resolve("package.json"), f.readBytes());
        }
      }
      List<String> cmd = new ArrayList<>(command());
      if (executable != null) {
        cmd.set(0, executable);
      }
      ProcessResult r = ctx.processes().run(ProcessSpec.of(cmd).inDirectory(scratch).withTimeout(timeout)
          .withOutputLimits(STDOUT_CAP, STDERR_CAP)
          .withInheritedEnv("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy",
              "NODE_EXTRA_CA_CERTS"));
      rec.put("cmd", command());
      rec.put("exit_code", r.exitCode() == null ? -1 : r.exitCode());
      rec.put("duration", r.duration().toMillis() / 1000.0);
      rec.put("stdout_size", r.stdout().length());
      rec.put("stdout_truncated", r.stdoutTruncated());
      return judge(r, lock, lockText, rec);
    } catch (IOException e) {
      return new Audit(ToolStatus.ERROR, List.of(), NAME + " could not prepare " + lock.path() + " ("
          + e.getClass().getSimpleName() + ")", 0, rec);
    } finally {
      delete(scratch);
    }
  }

  private static Audit judge(ProcessResult r, SourceFile lock, String lockText, Map<String, Object> rec) {
    String where = " (" + lock.path() + ")";
    if (r.termination() != ProcessResult.Termination.EXITED) {
      String why = r.error() == null ? NAME + " stopped (" + r.termination() + ")" : r.error();
      ToolRun failed = ExternalTools.failure(r, NAME, why + where, r.stderr(), Map.of());
      return new Audit(failed.status(), List.of(), failed.error(), 0, rec);
    }
    if (!r.exitedWithOneOf(0, 1)) {
      return new Audit(ToolStatus.ERROR, List.of(), NAME + " exited with " + r.exitCode() + where + ". Stderr tail: "
          + tail(r.stderr()), 0, rec);
    }
    if (r.stdoutTruncated()) {
      return new Audit(ToolStatus.ERROR, List.of(), NAME + " output went past " + STDOUT_CAP + " bytes" + where, 0,
          rec);
    }
    if (r.stdout().isBlank()) {
      ToolRun crash = ExternalTools.crash(NAME, r.stderr(), r.exitCode(), Map.of());
      return new Audit(ToolStatus.ERROR, List.of(), crash.error() + where, 0, rec);
    }
    NpmAuditReport.Outcome o;
    try {
      o = NpmAuditReport.parse(r.stdout(), lock.path(), lockText);
    } catch (IllegalArgumentException e) {
      return new Audit(ToolStatus.ERROR, List.of(), e.getMessage() + where + ". Stderr tail: " + tail(r.stderr()), 0,
          rec);
    }
    if (o.failure() != null) {
      return new Audit(ToolStatus.ERROR, List.of(), "npm audit could not audit" + where + ": " + o.failure(), 0, rec);
    }
    rec.put("vulnerable_packages", o.packages());
    return new Audit(ToolStatus.SUCCESS, o.findings(), null, o.packages(), rec);
  }

  private static String tail(String stderr) {
    String s = stderr == null ? "" : stderr.strip();
    return s.length() > 500 ? s.substring(s.length() - 500) : s;
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException bestEffort) {
      // the OS cleans tmp; a leftover scratch copy of a lock file must not fail the analysis
    }
  }
}
