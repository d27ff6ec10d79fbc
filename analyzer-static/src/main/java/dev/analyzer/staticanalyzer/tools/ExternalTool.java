package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessSpec;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every external-program tool shares: its name, results group, the language whose files it
 * reads, the version detected at start (null when not installed) and its timeout. Each run gets its
 * own {@link ToolWorkspace}: the tool sees a copy of the checked files only, runs there with a
 * configuration the service wrote (never one found in the app) and a scratch {@code HOME}.
 * Every command runs through the service's {@link ToolSandbox} (bubblewrap when it is on: the
 * workspace is the only directory the tool can write, and nothing of the app or the service is
 * visible). Subclasses only build the command and read the output. Thread-safe.
 */
abstract class ExternalTool implements StaticTool {

  private final String name;
  private final String group;
  private final Language language;
  private final String version;
  protected final Duration timeout;
  private final ToolSandbox sandbox;
  private final String executable;

  /**
   * {@code executable}: the program started in place of the command's first word (the tool's own
   * name on PATH, or ESLint's install), or null for that default; an injection point for a
   * wrapper or, in tests, a real process that behaves like a broken tool.
   */
  ExternalTool(String name, String group, Language language, String version, Duration timeout, ToolSandbox sandbox,
      String executable) {
    if (executable != null && executable.isBlank()) {
      throw new IllegalArgumentException(name + ": the executable must not be blank (null for the default)");
    }
    this.name = name;
    this.group = group;
    this.language = language;
    this.version = version;
    this.timeout = timeout;
    this.sandbox = sandbox;
    this.executable = executable;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String group() {
    return group;
  }

  @Override
  public boolean available() {
    return version != null;
  }

  @Override
  public final String version() {
    return version;
  }

  @Override
  public final boolean appliesTo(SourceTree tree) {
    return !tree.files(language).isEmpty();
  }

  @Override
  public final ToolRun run(SourceTree tree, AnalysisContext ctx) {
    try (ToolWorkspace ws = ToolWorkspace.create(tree, language)) {
      if (ws.files().isEmpty()) {
        return ToolRun.success(List.of(), Map.of("files_scanned", 0, "files_not_copied", ws.notCopied()));
      }
      ToolRun run = run(ws, ctx);
      if (ws.notCopied() == 0) {
        return run;
      }
      Map<String, Object> extra = new java.util.LinkedHashMap<>(run.extra());
      extra.put("files_not_copied", ws.notCopied());
      return new ToolRun(run.status(), run.findings(), run.error(), extra);
    } catch (IOException e) {
      return ToolRun.failed(ToolStatus.ERROR, name + " could not prepare its workspace ("
          + e.getClass().getSimpleName() + ")", Map.of());
    }
  }

  /** Runs the tool in {@code ws} (which holds at least one file). */
  abstract ToolRun run(ToolWorkspace ws, AnalysisContext ctx) throws IOException;

  /** Directories the tool needs to read besides the system's (none by default; ESLint's install). */
  List<Path> readOnlyDirectories() {
    return List.of();
  }

  /**
   * {@code command} run in the workspace's copy of the sources (inside the sandbox when it is on),
   * with a scratch HOME and the timeout; its first word replaced by the injected executable, if any.
   */
  final ProcessSpec spec(ToolWorkspace ws, List<String> command) {
    List<String> cmd = command;
    if (executable != null) {
      cmd = new java.util.ArrayList<>(command);
      cmd.set(0, executable);
    }
    List<String> started = sandbox.wrap(cmd, ws.directory(), ws.sources(), readOnlyDirectories());
    return ProcessSpec.of(started).inDirectory(ws.sources()).withTimeout(timeout)
        .withEnv("HOME", ws.home().toString())
        .withEnv("XDG_CONFIG_HOME", ws.home().resolve(".config").toString())
        .withEnv("XDG_CACHE_HOME", ws.home().resolve(".cache").toString());
  }

  /**
   * The run's execution record: the tool's own command (the workspace's path in it shown as
   * {@value ToolWorkspace#PLACEHOLDER}), exit code, sizes and {@code sandbox}.
   */
  final Map<String, Object> record(ToolWorkspace ws, ProcessResult r) {
    List<String> cmd = new java.util.ArrayList<>();
    for (String arg : sandbox.unwrap(r.command())) {
      cmd.add(ws.hidePaths(arg));
    }
    return ExternalTools.record(r, cmd, sandbox.name());
  }

  /** A failed run's result, its stderr shown with workspace paths relative (see {@link ToolWorkspace#hidePaths}). */
  final ToolRun failure(ToolWorkspace ws, ProcessResult r, Map<String, Object> extra) {
    String error = r.error() == null ? null : ws.hidePaths(r.error()).replace(ToolSandbox.BWRAP.toString(), name);
    return ExternalTools.failure(r, name, error, ws.hidePaths(r.stderr()), extra);
  }
}
