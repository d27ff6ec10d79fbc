package dev.analyzer.manager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the CLI keeps things: the project home ({@code ANALYZER_HOME}, set by the {@code ./analyzer}
 * script, else the working directory) holds the service jars and examples; the state directory
 * ({@code ANALYZER_STATE_DIR}, default the home) holds {@code logs/<service>.log},
 * {@code run/<service>.pid} and {@code results/}. Immutable.
 *
 * @param home the project directory
 * @param state where logs, pid files and results go
 */
public record Workspace(Path home, Path state) {

  public static Workspace fromEnvironment() {
    String h = System.getenv("ANALYZER_HOME");
    Path home = Path.of(h == null || h.isBlank() ? "" : h).toAbsolutePath().normalize();
    String s = System.getenv("ANALYZER_STATE_DIR");
    return new Workspace(home, s == null || s.isBlank() ? home : Path.of(s).toAbsolutePath().normalize());
  }

  public Path logs() throws IOException {
    return Files.createDirectories(state.resolve("logs"));
  }

  public Path run() throws IOException {
    return Files.createDirectories(state.resolve("run"));
  }

  public Path results() {
    return state.resolve("results");
  }

  public Path examples() {
    return home.resolve("examples");
  }
}
