package dev.analyzer.core.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Fast paths for the protocol's timestamps. {@link #format} writes an {@link Instant} exactly as
 * {@link Instant#toString()} does (ISO-8601 in UTC, the fraction in groups of three digits, only as
 * many as needed): every pong, progress update and result carries a timestamp, and the JDK's
 * formatter was a tenth of the service's protocol work per ping. The date-and-time part of the
 * current second is cached; years outside 0000..9999 go to {@code Instant.toString()}.
 * {@link #parse} reads the common shape {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}][Z|±HH:MM]} by hand
 * (no offset means UTC, as the original's naive Python timestamps are read) and returns
 * {@code null} for anything else, which callers hand to the JDK's parsers. Thread-safe (the cache
 * is one immutable holder behind a volatile field).
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

  /**
   * The instant {@code text} names when it has the common shape described above and is a valid
   * date and time; otherwise {@code null} (the caller's full parser decides, and words the error).
   */
  static Instant parse(String text) {
    int n = text.length();
    if (n < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && text.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(text.charAt(i))) {
        nanos = nanos * 10 + (text.charAt(i) - '0');
        i++;
      }
      int count = i - start;
      if (count == 0 || (i < n && isDigit(text.charAt(i)))) {
        return null;
      }
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n) {
      offsetSeconds = 0;
    } else if (text.charAt(i) == 'Z' && i + 1 == n) {
      offsetSeconds = 0;
    } else if ((text.charAt(i) == '+' || text.charAt(i) == '-') && i + 6 == n && text.charAt(i + 3) == ':') {
      int oh = digits(text, i + 1, 2);
      int om = digits(text, i + 4, 2);
      if (oh < 0 || om < 0 || oh > 18 || om > 59 || (oh == 18 && om > 0)) {
        return null;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (text.charAt(i) == '-' ? -1 : 1);
    } else {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (java.time.DateTimeException invalid) {
      return null;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The decimal number in {@code text[from, from + count)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int count) {
    int v = 0;
    for (int k = from; k < from + count; k++) {
      char c = text.charAt(k);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
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
