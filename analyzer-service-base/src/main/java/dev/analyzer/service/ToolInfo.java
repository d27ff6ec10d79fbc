package dev.analyzer.service;

import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool a service detected at start: reported in {@code /health} ({@code tools},
 * {@code tool_versions}) and offered to results through {@link AnalysisContext#toolReport()}, so a
 * result says what actually ran. Immutable.
 *
 * @param name the tool's name as the service calls it, such as {@code bandit}
 * @param version its version, or {@code null} when unknown (built-in tools, no version output)
 * @param path the absolute path of its executable, or {@code null} for a tool without one
 */
public record ToolInfo(String name, String version, Path path) {

  /** Longest version text kept; a tool that prints a banner gets its first line cut to this. */
  public static final int MAX_VERSION_LENGTH = 100;
  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)+([-+.~][0-9A-Za-z.+~-]*)?");
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

  public ToolInfo {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("tool name must not be blank");
    }
    if (path != null && !path.isAbsolute()) {
      throw new IllegalArgumentException("tool " + name + " path must be absolute, got " + path);
    }
    if (version != null) {
      version = version.strip();
      version = version.isEmpty() ? null
          : version.length() > MAX_VERSION_LENGTH ? version.substring(0, MAX_VERSION_LENGTH) : version;
    }
  }

  /** A tool without an executable or version, such as a built-in check. */
  public static ToolInfo builtin(String name) {
    return new ToolInfo(name, null, null);
  }

  /**
   * Looks {@code executable} up on PATH and runs it with {@code versionArgs} (such as
   * {@code --version}); the version is the first {@code 1.2.3}-like token of its output (stdout,
   * else stderr), else the first line. Empty when it is not on PATH or does not exit with 0.
   */
  public static Optional<ToolInfo> detect(ProcessRunner runner, String name, String executable,
      String... versionArgs) {
    Optional<Path> exe = ProcessRunner.which(executable).map(p -> p.toAbsolutePath().normalize());
    if (exe.isEmpty()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(exe.get().toString());
    command.addAll(List.of(versionArgs));
    ProcessResult r = runner.run(ProcessSpec.of(command).withTimeout(VERSION_TIMEOUT).withOutputLimits(64 * 1024,
        64 * 1024));
    if (!r.succeeded()) {
      return Optional.empty();
    }
    String text = r.stdout().isBlank() ? r.stderr() : r.stdout();
    return Optional.of(new ToolInfo(name, parseVersion(text), exe.get()));
  }

  /** The first version-like token of {@code output}, else its first non-blank line, else {@code null}. */
  static String parseVersion(String output) {
    Matcher m = VERSION.matcher(output);
    if (m.find()) {
      return m.group();
    }
    return output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
  }

  /** This tool as a JSON object: {@code name}, {@code version}, {@code path} (absent ones omitted). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    if (version != null) {
      m.put("version", version);
    }
    if (path != null) {
      m.put("path", path.toString());
    }
    return m;
  }

  /** {@code name -> version} for the tools with a known version, in order. */
  public static Map<String, String> versions(List<ToolInfo> tools) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ToolInfo t : tools) {
      if (t.version() != null) {
        out.put(t.name(), t.version());
      }
    }
    return out;
  }
}
