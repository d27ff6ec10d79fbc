package dev.analyzer.manager.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How durations and timestamps read in the console and the reports. Stateless. */
public final class Durations {

  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Durations() {}

  /** Under a second in whole milliseconds ({@code 850 ms}), else seconds with two decimals ({@code 12.35 s}). */
  public static String format(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms < 1000) {
      return ms + " ms";
    }
    return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
  }

  /** Seconds with two decimals, for JSON ({@code 12.35}). */
  public static double seconds(Duration d) {
    return Math.round(Math.max(0, d.toMillis()) / 10.0) / 100.0;
  }

  /** To the second, in UTC ({@code 2026-12-02 03:14:34 UTC}). */
  public static String timestamp(Instant t) {
    return t == null ? "" : SECOND.format(t);
  }
}
