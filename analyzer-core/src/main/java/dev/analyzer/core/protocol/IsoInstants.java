package dev.analyzer.core.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does (ISO-8601 in UTC, the
 * fraction in groups of three digits, only as many as needed), about five times faster: every
 * pong, progress update and result carries a timestamp, and the JDK's formatter was a tenth of the
 * service's protocol work per ping. The date-and-time part of the current second is cached; years
 * outside 0000..9999 go to {@code Instant.toString()}. Thread-safe (the cache is one immutable
 * holder behind a volatile field).
 */
final class IsoInstants {

  /** The formatted "yyyy-MM-ddTHH:mm:ss" of one epoch second. */
  private record Second(long epochSecond, String text) {}

  private static volatile Second last = new Second(Long.MIN_VALUE, "");

  private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  private IsoInstants() {}

  static String format(Instant instant) {
    long s = instant.getEpochSecond();
    if (s < MIN_SECOND || s > MAX_SECOND) {
      return instant.toString();
    }
    Second cached = last;
    if (cached.epochSecond != s) {
      cached = new Second(s, dateTime(s));
      last = cached;
    }
    int nanos = instant.getNano();
    StringBuilder b = new StringBuilder(31).append(cached.text);
    if (nanos != 0) {
      b.append('.');
      if (nanos % 1_000_000 == 0) {
        pad(b, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        pad(b, nanos / 1_000, 6);
      } else {
        pad(b, nanos, 9);
      }
    }
    return b.append('Z').toString();
  }

  private static String dateTime(long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(19);
    pad(b, t.getYear(), 4);
    pad(b.append('-'), t.getMonthValue(), 2);
    pad(b.append('-'), t.getDayOfMonth(), 2);
    pad(b.append('T'), t.getHour(), 2);
    pad(b.append(':'), t.getMinute(), 2);
    pad(b.append(':'), t.getSecond(), 2);
    return b.toString();
  }

  private static void pad(StringBuilder b, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    b.append(digits);
  }
}
