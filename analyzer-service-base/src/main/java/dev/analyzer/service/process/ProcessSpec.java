package dev.analyzer.service.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.analyzer.service.secrets.Secret;

/**
 * What to run: an argument list (never a shell line), a working directory, extra environment
 * variables, a timeout and caps on captured output. Immutable; build with {@link #of(String...)}.
 *
 * <p>A process never inherits the service's environment (which may hold {@code ANALYZER_AUTH_TOKEN}
 * or provider API keys). It gets an allow-listed one: {@code PATH} (the service's), {@code HOME} and
 * {@code TMPDIR} pointing at a scratch directory of the analysis (deleted when it ends),
 * {@code LANG} and {@code LC_ALL} (the service's, else {@code C.UTF-8}) and {@code TERM=dumb};
 * then the service's variables named by {@link #withInheritedEnv(String...)}; then the spec's own
 * {@link #withEnv(String, String)} values; then the secrets it asks for by name
 * ({@link #withSecretEnv(String, Secret)}), which override everything.
 *
 * @param command the executable and its arguments; the executable is looked up on PATH
 * @param workingDirectory where it runs, or {@code null} for the service's working directory
 * @param environment variables set in the process's environment (over the allow-listed ones)
 * @param timeout the process tree is killed after this; default {@value #DEFAULT_TIMEOUT_SECONDS} s
 * @param stdoutLimitBytes stdout kept beyond this is discarded (still drained); default 16 MiB
 * @param stderrLimitBytes stderr kept beyond this is discarded (still drained); default 1 MiB
 * @param inheritedEnvironment names of the service's variables passed through when set (default none)
 * @param lineListener gets stdout and stderr line by line as they arrive (default {@link LineListener#NONE})
 * @param maxLineBytes a line longer than this reaches the listener truncated to it and flagged
 *     ({@link OutputLine#truncated()}); default {@value #DEFAULT_MAX_LINE_BYTES}, bound 1..{@value #MAX_LINE_BYTES}.
 *     The captured {@code stdout}/{@code stderr} of the result are unaffected (they have their own caps).
 * @param secretEnvironment secrets set in the child's environment under the given names (default none);
 *     printed redacted by {@code toString()}
 */
public record ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment,
    Duration timeout, int stdoutLimitBytes, int stderrLimitBytes, List<String> inheritedEnvironment,
    LineListener lineListener, int maxLineBytes, Map<String, Secret> secretEnvironment) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 120;
  public static final int DEFAULT_STDOUT_LIMIT = 16 * 1024 * 1024;
  public static final int DEFAULT_STDERR_LIMIT = 1024 * 1024;
  private static final int MAX_LIMIT = 512 * 1024 * 1024;
  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
  public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  public ProcessSpec {
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("process command must name an executable");
    }
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i) == null) {
        throw new IllegalArgumentException("process command argument " + i + " is null");
      }
    }
    if (command.get(0).isBlank()) {
      throw new IllegalArgumentException("process executable must not be blank");
    }
    command = List.copyOf(command);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("process timeout must be > 0, got " + timeout);
    }
    if (stdoutLimitBytes < 0 || stdoutLimitBytes > MAX_LIMIT) {
      throw new IllegalArgumentException("stdout limit must be 0.." + MAX_LIMIT + " bytes, got " + stdoutLimitBytes);
    }
    if (stderrLimitBytes < 0 || stderrLimitBytes > MAX_LIMIT) {
      throw new IllegalArgumentException("stderr limit must be 0.." + MAX_LIMIT + " bytes, got " + stderrLimitBytes);
    }
    for (String name : environment.keySet()) {
      checkName(name);
    }
    inheritedEnvironment = inheritedEnvironment == null ? List.of() : List.copyOf(inheritedEnvironment);
    for (String name : inheritedEnvironment) {
      checkName(name);
    }
    lineListener = lineListener == null ? LineListener.NONE : lineListener;
    secretEnvironment = secretEnvironment == null ? Map.of() : Map.copyOf(secretEnvironment);
    for (String name : secretEnvironment.keySet()) {
      checkName(name);
    }
    if (maxLineBytes < 1 || maxLineBytes > MAX_LINE_BYTES) {
      throw new IllegalArgumentException("process max line length must be 1.." + MAX_LINE_BYTES + " bytes, got "
          + maxLineBytes);
    }
  }

  /** A spec without a line listener or secrets (see the class comment). */
  public ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment,
      Duration timeout, int stdoutLimitBytes, int stderrLimitBytes, List<String> inheritedEnvironment) {
    this(command, workingDirectory, environment, timeout, stdoutLimitBytes, stderrLimitBytes, inheritedEnvironment,
        LineListener.NONE, DEFAULT_MAX_LINE_BYTES, Map.of());
  }

  /** A spec without secrets (see the class comment). */
  public ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment,
      Duration timeout, int stdoutLimitBytes, int stderrLimitBytes, List<String> inheritedEnvironment,
      LineListener lineListener, int maxLineBytes) {
    this(command, workingDirectory, environment, timeout, stdoutLimitBytes, stderrLimitBytes, inheritedEnvironment,
        lineListener, maxLineBytes, Map.of());
  }

  /** A spec that passes none of the service's variables through (see the class comment). */
  public ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment,
      Duration timeout, int stdoutLimitBytes, int stderrLimitBytes) {
    this(command, workingDirectory, environment, timeout, stdoutLimitBytes, stderrLimitBytes, List.of());
  }

  private static void checkName(String name) {
    if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("environment variable name must be non-empty without '=' or NUL, got "
          + (name == null ? "null" : "'" + name.replace("\0", "\\0") + "'"));
    }
  }

  /** A spec for {@code command} with the defaults. */
  public static ProcessSpec of(String... command) {
    return of(List.of(command));
  }

  /** A spec for {@code command} with the defaults. */
  public static ProcessSpec of(List<String> command) {
    return new ProcessSpec(command, null, Map.of(), Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS),
        DEFAULT_STDOUT_LIMIT, DEFAULT_STDERR_LIMIT, List.of(), LineListener.NONE, DEFAULT_MAX_LINE_BYTES, Map.of());
  }

  /** This spec, run in {@code directory}. */
  public ProcessSpec inDirectory(Path directory) {
    return new ProcessSpec(command, directory, environment, timeout, stdoutLimitBytes, stderrLimitBytes,
        inheritedEnvironment, lineListener, maxLineBytes, secretEnvironment);
  }

  /** This spec with {@code name=value} added to the environment. */
  public ProcessSpec withEnv(String name, String value) {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put(name, value);
    return new ProcessSpec(command, workingDirectory, env, timeout, stdoutLimitBytes, stderrLimitBytes,
        inheritedEnvironment, lineListener, maxLineBytes, secretEnvironment);
  }

  /**
   * This spec with the service's own values of {@code names} passed through (those that are set).
   * Use it only for what a tool needs, such as {@code JAVA_HOME}; never for secrets.
   */
  public ProcessSpec withInheritedEnv(String... names) {
    List<String> all = new java.util.ArrayList<>(inheritedEnvironment);
    for (String name : names) {
      if (!all.contains(name)) {
        all.add(name);
      }
    }
    return new ProcessSpec(command, workingDirectory, environment, timeout, stdoutLimitBytes, stderrLimitBytes, all,
        lineListener, maxLineBytes, secretEnvironment);
  }

  /** This spec with another timeout. */
  public ProcessSpec withTimeout(Duration timeout) {
    return new ProcessSpec(command, workingDirectory, environment, timeout, stdoutLimitBytes, stderrLimitBytes,
        inheritedEnvironment, lineListener, maxLineBytes, secretEnvironment);
  }

  /** This spec with other output caps. */
  public ProcessSpec withOutputLimits(int stdoutBytes, int stderrBytes) {
    return new ProcessSpec(command, workingDirectory, environment, timeout, stdoutBytes, stderrBytes,
        inheritedEnvironment, lineListener, maxLineBytes, secretEnvironment);
  }

  /**
   * This spec with {@code listener} called for every line of stdout and stderr as the process
   * writes it (see {@link LineListener} for threads, order and failures).
   */
  public ProcessSpec onLine(LineListener listener) {
    if (listener == null) {
      throw new IllegalArgumentException("line listener must not be null");
    }
    return new ProcessSpec(command, workingDirectory, environment, timeout, stdoutLimitBytes, stderrLimitBytes,
        inheritedEnvironment, listener, maxLineBytes, secretEnvironment);
  }

  /** This spec with another bound on the length of a line given to the listener. */
  public ProcessSpec withMaxLineBytes(int bytes) {
    return new ProcessSpec(command, workingDirectory, environment, timeout, stdoutLimitBytes, stderrLimitBytes,
        inheritedEnvironment, lineListener, bytes, secretEnvironment);
  }

  /**
   * This spec with {@code secret} set as {@code name} in the child's environment: the only way a
   * secret reaches a child, for a tool that needs that one key. Printed redacted.
   */
  public ProcessSpec withSecretEnv(String name, Secret secret) {
    if (secret == null) {
      throw new IllegalArgumentException("secret for " + name + " must not be null");
    }
    Map<String, Secret> secrets = new LinkedHashMap<>(secretEnvironment);
    secrets.put(name, secret);
    return new ProcessSpec(command, workingDirectory, environment, timeout, stdoutLimitBytes, stderrLimitBytes,
        inheritedEnvironment, lineListener, maxLineBytes, secrets);
  }
}
