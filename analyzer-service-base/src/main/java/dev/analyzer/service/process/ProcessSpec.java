package dev.analyzer.service.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run: an argument list (never a shell line), a working directory, extra environment
 * variables, a timeout and caps on captured output. Immutable; build with {@link #of(String...)}.
 *
 * @param command the executable and its arguments; the executable is looked up on PATH
 * @param workingDirectory where it runs, or {@code null} for the service's working directory
 * @param environment variables added to (or overriding) the service's environment
 * @param timeout the process tree is killed after this; default {@value #DEFAULT_TIMEOUT_SECONDS} s
 * @param stdoutLimitBytes stdout kept beyond this is discarded (still drained); default 16 MiB
 * @param stderrLimitBytes stderr kept beyond this is discarded (still drained); default 1 MiB
 */
public record ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment,
    Duration timeout, int stdoutLimitBytes, int stderrLimitBytes) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 120;
  public static final int DEFAULT_STDOUT_LIMIT = 16 * 1024 * 1024;
  public static final int DEFAULT_STDERR_LIMIT = 1024 * 1024;
  private static final int MAX_LIMIT = 512 * 1024 * 1024;

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
  }

  /** A spec for {@code command} with the defaults. */
  public static ProcessSpec of(String... command) {
    return of(List.of(command));
  }

  /** A spec for {@code command} with the defaults. */
  public static ProcessSpec of(List<String> command) {
    return new ProcessSpec(command, null, Map.of(), Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS),
        DEFAULT_STDOUT_LIMIT, DEFAULT_STDERR_LIMIT);
  }

  /** This spec, run in {@code directory}. */
  public ProcessSpec inDirectory(Path directory) {
    return new ProcessSpec(command, directory, environment, timeout, stdoutLimitBytes, stderrLimitBytes);
  }

  /** This spec with {@code name=value} added to the environment. */
  public ProcessSpec withEnv(String name, String value) {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put(name, value);
    return new ProcessSpec(command, workingDirectory, env, timeout, stdoutLimitBytes, stderrLimitBytes);
  }

  /** This spec with another timeout. */
  public ProcessSpec withTimeout(Duration timeout) {
    return new ProcessSpec(command, workingDirectory, environment, timeout, stdoutLimitBytes, stderrLimitBytes);
  }

  /** This spec with other output caps. */
  public ProcessSpec withOutputLimits(int stdoutBytes, int stderrBytes) {
    return new ProcessSpec(command, workingDirectory, environment, timeout, stdoutBytes, stderrBytes);
  }
}
