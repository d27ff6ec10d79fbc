package dev.analyzer.service.process.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of Linux's {@code /proc/<pid>/stat}: the fields needed to find a tool's processes
 * after their parent has gone (same session) and to find zombies. Empty lists off Linux.
 *
 * @param pid the process id
 * @param state R, S, D, Z, T, ...
 * @param ppid the parent's pid
 * @param session the session id
 */
record ProcStat(long pid, char state, long ppid, long session) {

  private static final Path PROC = Path.of("/proc");

  /** Every process visible in /proc; processes that vanish while being read are skipped. */
  static List<ProcStat> all() {
    List<ProcStat> out = new ArrayList<>();
    if (!Files.isDirectory(PROC)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path dir : dirs) {
        ProcStat s = read(dir);
        if (s != null) {
          out.add(s);
        }
      }
    } catch (IOException | RuntimeException e) {
      return out;
    }
    return out;
  }

  private static ProcStat read(Path dir) {
    String stat;
    try {
      stat = Files.readString(dir.resolve("stat"));
    } catch (IOException gone) {
      return null;
    }
    int close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 >= stat.length()) {
      return null;
    }
    String[] f = stat.substring(close + 2).split(" ", 5);
    if (f.length < 4) {
      return null;
    }
    try {
      return new ProcStat(Long.parseLong(dir.getFileName().toString()), f[0].charAt(0),
          Long.parseLong(f[1]), Long.parseLong(f[3]));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
