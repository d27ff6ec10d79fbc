package dev.analyzer.staticanalyzer.deps;

import java.util.List;

/**
 * One OSV advisory for one package, reduced to what matching needs.
 *
 * @param id the OSV id (GHSA-...)
 * @param aliases other ids (CVE-...)
 * @param ecosystem {@code PyPI} or {@code npm}
 * @param packageName the package, normalized (lowercase; PyPI {@code _}/{@code .} as {@code -})
 * @param summary one line
 * @param severity CRITICAL, HIGH, MODERATE or LOW, as GitHub rates it
 * @param cwe the first CWE, or null
 * @param ranges affected ranges: each {@code [introduced, fixed)}; fixed null means unfixed
 * @param versions affected versions listed one by one
 */
public record Advisory(String id, List<String> aliases, String ecosystem, String packageName, String summary,
    String severity, String cwe, List<Range> ranges, List<String> versions) {

  /** {@code [introduced, fixed)}; {@code introduced} "0" means from the first version. */
  public record Range(String introduced, String fixed) {
    boolean contains(String version) {
      boolean afterStart = "0".equals(introduced) || Versions.compare(version, introduced) >= 0;
      boolean beforeEnd = fixed == null || Versions.compare(version, fixed) < 0;
      return afterStart && beforeEnd;
    }
  }

  /** True when {@code version} is affected. */
  public boolean affects(String version) {
    if (versions.contains(version)) {
      return true;
    }
    for (Range r : ranges) {
      if (r.contains(version)) {
        return true;
      }
    }
    return false;
  }

  /** The lowest fixed version above {@code version}, if any. */
  public String fixedAfter(String version) {
    String best = null;
    for (Range r : ranges) {
      if (r.fixed() != null && r.contains(version) && (best == null || Versions.compare(r.fixed(), best) < 0)) {
        best = r.fixed();
      }
    }
    return best;
  }

  /** PyPI names compare case-insensitively with {@code -}, {@code _} and {@code .} alike. */
  public static String normalize(String ecosystem, String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    return "PyPI".equals(ecosystem) ? n.replaceAll("[-_.]+", "-") : n;
  }
}
