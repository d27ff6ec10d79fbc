package dev.analyzer.service.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers for tests that check processes are really gone (not running, not zombies). */
public final class Pids {

  private Pids() {}

  /** True when {@code pid} exists in /proc in any state, zombie included. */
  public static boolean exists(long pid) {
    return Files.exists(Path.of("/proc", Long.toString(pid)));
  }

  /** The pids written one per line into {@code file}. */
  public static List<Long> readPids(Path file) throws IOException {
    List<Long> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(Long.parseLong(line.trim()));
      }
    }
    return out;
  }

  /**
   * A shell command that records its own pid and two background children's pids in
   * {@code pidFile}, then waits: {@code sh -c 'sleep 600 & sleep 600'} with bookkeeping.
   */
  public static List<String> treeCommand(Path pidFile) {
    String f = pidFile.toString();
    return List.of("sh", "-c",
        "echo $$ >> '" + f + "'; sleep 600 & echo $! >> '" + f + "'; sleep 600 & echo $! >> '" + f + "'; wait");
  }
}
