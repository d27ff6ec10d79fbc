package dev.analyzer.staticanalyzer.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tool names of the original system's static service and what this service runs for each
 * (analyzer-static/README.md, "Migrating from the original"). The original manager always sends
 * its 16 names ({@link #MANAGER_DEFAULTS}); a name this service covers with another engine runs that
 * engine and is reported under the requested name with {@code covered_by}; a name it lacks is
 * {@code not_available} with the reason. Immutable and thread-safe.
 */
public final class OriginalNames {

  /** The 16 names the original manager sends for a {@code static} analysis, in its order. */
  public static final List<String> MANAGER_DEFAULTS = List.of("bandit", "pylint", "flake8", "eslint", "jshint",
      "semgrep", "mypy", "safety", "pip-audit", "vulture", "ruff", "radon", "detect-secrets", "npm-audit", "snyk",
      "stylelint");

  /**
   * Tools whose native output is SARIF in the original: their records carry a one-run {@code sarif}
   * besides their {@code issues} ({@link ManagerLayout}).
   */
  public static final Set<String> SARIF_NATIVE = Set.of("bandit", "semgrep", "ruff", "eslint");

  /**
   * One of the original's names.
   *
   * @param name the name
   * @param group the results group the original filed it under ({@code python}, {@code javascript}, {@code css})
   * @param engines what runs for it here when the tool itself does not (in order; may be empty)
   * @param reason why those engines cover it, or why nothing does
   */
  public record Name(String name, String group, List<String> engines, String reason) {

    public Name {
      engines = List.copyOf(engines);
    }
  }

  private static final Map<String, Name> TABLE = new LinkedHashMap<>();

  static {
    put("bandit", "python", List.of("python-security"),
        "bandit runs when installed; otherwise python-security, which implements Bandit's checks B101-B703 under the"
            + " same ids");
    put("pylint", "python", List.of(), "pylint runs when installed; no built-in engine lints Python code quality");
    put("flake8", "python", List.of(), "flake8 runs when installed; no built-in engine checks Python style");
    put("eslint", "javascript", List.of("js-security"),
        "eslint runs when installed; otherwise js-security, which implements the eslint-plugin-security and"
            + " no-unsanitized rules");
    put("jshint", "javascript", List.of("eslint"),
        "JSHint is a JavaScript linter; ESLint's core rules cover its warnings (the original never implemented"
            + " jshint, it only named it)");
    put("semgrep", "python", List.of("python-security", "js-security", "secrets", "config"),
        "the original's semgrep rulesets (p/security-audit, p/python, p/javascript, p/nodejs, p/flask, p/jwt,"
            + " p/xss, p/sql-injection, p/command-injection, p/secrets, p/insecure-transport) are the classes these"
            + " engines implement, with data flow");
    put("mypy", "python", List.of(), "type checking: no engine here checks Python types");
    put("safety", "python", List.of("dependencies"),
        "dependencies checks requirements files against OSV advisories (which include PyPI's)");
    put("pip-audit", "python", List.of("dependencies"),
        "dependencies checks requirements files against OSV, pip-audit's own default advisory source");
    put("vulture", "python", List.of(), "dead-code detection: no engine here looks for unused code");
    put("ruff", "python", List.of("python-security", "flake8"),
        "ruff's S rules are flake8-bandit's, i.e. Bandit's ids (python-security); its E, F and W rules are flake8's");
    put("radon", "python", List.of(), "complexity metrics: no engine here measures complexity");
    put("detect-secrets", "python", List.of("secrets"),
        "secrets scans every file for keys, tokens, passwords and high-entropy strings");
    put("npm-audit", "javascript", List.of("dependencies"),
        "dependencies checks package.json and package-lock.json against OSV advisories (which include npm's)");
    put("snyk", "javascript", List.of("python-security", "js-security"),
        "the original ran `snyk code test` (Snyk Code SAST), whose classes these engines cover; no Snyk account"
            + " needed");
    put("stylelint", "css", List.of(), "CSS linting: no engine here reads CSS");
  }

  private OriginalNames() {}

  private static void put(String name, String group, List<String> engines, String reason) {
    TABLE.put(name, new Name(name, group, engines, reason));
  }

  /** The table entry of {@code name}, if it is one of the original's names. */
  public static Optional<Name> of(String name) {
    return Optional.ofNullable(TABLE.get(name));
  }

  /** Every entry, in the manager's order. */
  public static Collection<Name> all() {
    return TABLE.values();
  }

  /** True when the original's {@code name} wrote SARIF (its record carries {@code sarif} besides {@code issues}). */
  public static boolean isSarifNative(String name) {
    return SARIF_NATIVE.contains(name);
  }

  /** The engines of {@code name} that can run here ({@code runnable}), in table order; empty when none. */
  public static List<String> coveringEngines(String name, Set<String> runnable) {
    Name n = TABLE.get(name);
    if (n == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String e : n.engines()) {
      if (runnable.contains(e)) {
        out.add(e);
      }
    }
    return out;
  }
}
