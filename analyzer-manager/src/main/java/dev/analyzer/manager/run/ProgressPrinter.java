package dev.analyzer.manager.run;

import dev.analyzer.core.protocol.ProgressUpdate;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Live progress: on a terminal, one bar per service redrawn in place; otherwise one plain line per
 * update. The percentage shown never goes backwards: a service that reports a lower figure (a new
 * stage counting from zero, an update overtaken by another) keeps the highest one seen. Called from
 * I/O threads; thread-safe.
 */
public final class ProgressPrinter {

  private static final int BAR = 24;

  private final PrintStream out;
  private final boolean terminal;
  private final Map<String, String> lines = new LinkedHashMap<>();
  private final Map<String, Double> highest = new HashMap<>();
  private int drawn;

  public ProgressPrinter(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** A printer that prints nothing. */
  public static ProgressPrinter silent() {
    return new ProgressPrinter(new PrintStream(PrintStream.nullOutputStream()), false);
  }

  public synchronized void update(String service, ProgressUpdate p) {
    String msg = p.message() == null ? p.stage() : p.message();
    Double pct = p.percent() == null ? highest.get(service) : Math.max(clamp(p.percent()),
        highest.getOrDefault(service, 0.0));
    if (pct != null) {
      highest.put(service, pct);
    }
    if (!terminal) {
      out.printf(Locale.ROOT, "[%s] %s%s%n", service, pct == null ? "" : String.format(Locale.ROOT, "%3.0f%% ", pct), msg);
      return;
    }
    double shown = pct == null ? 0 : pct;
    int filled = (int) Math.round(shown / 100 * BAR);
    lines.put(service, String.format(Locale.ROOT, "%-12s [%s%s] %3.0f%% %s", service, "#".repeat(filled),
        " ".repeat(BAR - filled), shown, msg == null ? "" : msg.length() > 60 ? msg.substring(0, 60) : msg));
    redraw();
  }

  /** A line about a service that is not progress (waiting for another). */
  public synchronized void note(String service, String text) {
    done(service, text);
  }

  public synchronized void done(String service, String state) {
    if (!terminal) {
      out.printf(Locale.ROOT, "[%s] %s%n", service, state);
      return;
    }
    lines.put(service, String.format(Locale.ROOT, "%-12s %s", service, state));
    redraw();
  }

  /** The highest percentage seen for {@code service}, or null. */
  public synchronized Double percent(String service) {
    return highest.get(service);
  }

  private static double clamp(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(100, v));
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
