package dev.analyzer.manager.run;

import dev.analyzer.core.protocol.ProgressUpdate;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Live progress: on a terminal, one bar per service redrawn in place; otherwise one plain line per
 * update. Called from I/O threads; thread-safe.
 */
public final class ProgressPrinter {

  private static final int BAR = 24;

  private final PrintStream out;
  private final boolean terminal;
  private final Map<String, String> lines = new LinkedHashMap<>();
  private int drawn;

  public ProgressPrinter(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  public synchronized void update(String service, ProgressUpdate p) {
    String msg = p.message() == null ? p.stage() : p.message();
    if (!terminal) {
      out.printf(Locale.ROOT, "[%s] %s%s%n", service, p.percent() == null ? "" : String.format(Locale.ROOT, "%3.0f%% ",
          p.percent()), msg);
      return;
    }
    double pct = p.percent() == null ? 0 : p.percent();
    int filled = (int) Math.round(pct / 100 * BAR);
    lines.put(service, String.format(Locale.ROOT, "%-12s [%s%s] %3.0f%% %s", service, "#".repeat(filled),
        " ".repeat(BAR - filled), pct, msg.length() > 60 ? msg.substring(0, 60) : msg));
    redraw();
  }

  public synchronized void done(String service, String state) {
    if (!terminal) {
      out.printf(Locale.ROOT, "[%s] %s%n", service, state);
      return;
    }
    lines.put(service, String.format(Locale.ROOT, "%-12s %s", service, state));
    redraw();
  }

  private void redraw() {
    if (drawn > 0) {
      out.print("\033[" + drawn + "F");
    }
    for (String l : lines.values()) {
      out.print("\033[2K" + l + "\n");
    }
    drawn = lines.size();
    out.flush();
  }
}
