package dev.analyzer.staticanalyzer.sandbox;

import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.service.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How external tools are confined, chosen once at service start from {@code ANALYZER_TOOL_SANDBOX}
 * ({@link SandboxMode}) and a probe run of {@code bwrap ... /bin/true}: either bubblewrap
 * ({@link BwrapCommand}: no network, own pid namespace, uid 65534, only the tool's workspace
 * writable, nothing of the apps directory visible) or none. With no sandbox in {@code auto} mode the
 * tools that import the analysed code ({@code pylint}) are refused ({@link #refusesCodeImportingTools()});
 * in {@code off} mode the operator has accepted that risk. Immutable and thread-safe.
 */
public final class ToolSandbox {

  /** Where bubblewrap is looked for (Debian's package {@code bubblewrap}). */
  public static final Path BWRAP = Path.of("/usr/bin/bwrap");
  /** Why a code-importing tool does not run when the sandbox is unavailable in {@code auto} mode. */
  public static final String REFUSAL = " imports the analysed code; it runs only in the sandbox "
      + "(install bubblewrap or set ANALYZER_TOOL_SANDBOX=off to accept the risk)";

  /** Runs a probe command line and says whether it exited 0. */
  @FunctionalInterface
  public interface Probe {
    boolean works(List<String> command);
  }

  private final SandboxMode mode;
  private final BwrapCommand bwrap;

  private ToolSandbox(SandboxMode mode, BwrapCommand bwrap) {
    this.mode = mode;
    this.bwrap = bwrap;
  }

  /**
   * The sandbox for {@code mode}: {@code off} is none; {@code bwrap} and {@code auto} probe
   * {@link #BWRAP} with {@code probe}.
   *
   * @throws SettingsException in {@code bwrap} mode when the probe fails (the service must not start)
   */
  public static ToolSandbox select(SandboxMode mode, Probe probe) {
    if (mode == SandboxMode.OFF) {
      return new ToolSandbox(mode, null);
    }
    BwrapCommand cmd = BwrapCommand.forHost(BWRAP);
    boolean works = java.nio.file.Files.isExecutable(BWRAP) && probe.works(cmd.wrap(List.of("/bin/true"), null, null,
        List.of()));
    if (works) {
      return new ToolSandbox(mode, cmd);
    }
    if (mode == SandboxMode.BWRAP) {
      throw new SettingsException("ANALYZER_TOOL_SANDBOX", "ANALYZER_TOOL_SANDBOX=bwrap but " + BWRAP
          + " cannot run a sandbox here (is the bubblewrap package installed and are user namespaces allowed?); "
          + "its probe '" + BWRAP + " --unshare-all --unshare-user ... /bin/true' failed");
    }
    return new ToolSandbox(mode, null);
  }

  /** The sandbox of {@code mode} probed by running the probe as a real process ({@link SandboxProbe}). */
  public static ToolSandbox select(SandboxMode mode) {
    return select(mode, SandboxProbe::exitsZero);
  }

  /** True when tools run inside bubblewrap. */
  public boolean isolates() {
    return bwrap != null;
  }

  /** {@code bwrap} or {@code none}, as each tool's {@code execution_record.sandbox} says. */
  public String name() {
    return isolates() ? "bwrap" : "none";
  }

  /** The configured mode. */
  public SandboxMode mode() {
    return mode;
  }

  /** True when tools that import the analysed code must not run: no sandbox, and the operator did not say {@code off}. */
  public boolean refusesCodeImportingTools() {
    return !isolates() && mode != SandboxMode.OFF;
  }

  /**
   * {@code command} as it is to be started: unchanged without a sandbox; otherwise inside bwrap with
   * {@code workspace} as the only writable directory, {@code readOnly} visible read-only and
   * {@code workingDirectory} (inside the workspace) as the current directory. The executable is
   * resolved on the service's PATH first, since the sandbox has its own environment.
   */
  public List<String> wrap(List<String> command, Path workspace, Path workingDirectory, List<Path> readOnly) {
    if (!isolates()) {
      return command;
    }
    List<String> resolved = new ArrayList<>(command);
    String exe = command.get(0);
    if (!exe.contains("/")) {
      Optional<Path> found = ProcessRunner.which(exe);
      found.ifPresent(p -> resolved.set(0, p.toString()));
    }
    return bwrap.wrap(resolved, workspace, workingDirectory, readOnly);
  }

  /** The tool's own command line inside {@code started} (what {@link #wrap} was given, executable resolved). */
  public List<String> unwrap(List<String> started) {
    if (!isolates()) {
      return started;
    }
    int end = started.indexOf("--");
    return end < 0 ? started : started.subList(end + 1, started.size());
  }

  @Override
  public String toString() {
    return "ToolSandbox[" + mode.wire() + " -> " + name() + "]";
  }
}
