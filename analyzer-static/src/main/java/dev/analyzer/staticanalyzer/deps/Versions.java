package dev.analyzer.staticanalyzer.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares package versions the way PyPI (PEP 440) and npm (semver) order the common cases: numeric
 * release segments compared as numbers (missing ones are 0), and a pre-release ({@code 1.0rc1},
 * {@code 1.0.0-beta.2}) sorting before its release. Exotic forms compare by their text. Stateless.
 */
public final class Versions {

  private Versions() {}

  /** Negative, zero or positive as {@code a} is before, equal to or after {@code b}. */
  public static int compare(String a, String b) {
    Parsed pa = parse(a);
    Parsed pb = parse(b);
    int n = Math.max(pa.release.size(), pb.release.size());
    for (int i = 0; i < n; i++) {
      long x = i < pa.release.size() ? pa.release.get(i) : 0;
      long y = i < pb.release.size() ? pb.release.get(i) : 0;
      if (x != y) {
        return Long.compare(x, y);
      }
    }
    if (pa.pre.isEmpty() != pb.pre.isEmpty()) {
      return pa.pre.isEmpty() ? 1 : -1;
    }
    return pa.pre.compareTo(pb.pre);
  }

  private record Parsed(List<Long> release, String pre) {}

  private static Parsed parse(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    if (s.startsWith("v")) {
      s = s.substring(1);
    }
    int plus = s.indexOf('+');
    if (plus >= 0) {
      s = s.substring(0, plus);
    }
    List<Long> release = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        break;
      }
      release.add(Long.parseLong(s.substring(start, Math.min(i, start + 18))));
      if (i < s.length() && s.charAt(i) == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    String rest = s.substring(i).replaceFirst("^[-.]", "");
    if (rest.startsWith("post")) {
      rest = "";
    }
    return new Parsed(release, rest);
  }

  /** True when {@code v} looks like a concrete version (starts with a digit after an optional v). */
  public static boolean isConcrete(String v) {
    String s = v.strip();
    if (s.startsWith("v")) {
      s = s.substring(1);
    }
    return !s.isEmpty() && Character.isDigit(s.charAt(0));
  }
}
