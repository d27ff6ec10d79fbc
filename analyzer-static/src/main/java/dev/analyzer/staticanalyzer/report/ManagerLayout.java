package dev.analyzer.staticanalyzer.report;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.ToolResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays the merged findings ({@code analysis.findings[]}) out in the tool records so that the
 * original's manager counts each exactly once in both its modes (/work/notes/original-reading.md
 * §2.2 fallback, §3.4 shared; analyzer-static/README.md "For the original's manager"):
 * <ul>
 *   <li>Each merged finding goes into the {@code issues} of exactly one record, its <em>owner</em>:
 *       for each of its tools in order, the tool's candidate owners ({@link #CANDIDATES}: real bandit
 *       → {@code python.bandit}, pylint → {@code python.pylint}, flake8 → {@code python.ruff},
 *       python-security/config/shellcheck → {@code python.semgrep}, js-security/eslint →
 *       {@code javascript.eslint}, secrets → {@code python.detect-secrets}, dependencies →
 *       {@code python.pip-audit} (PyPI) or {@code javascript.npm-audit} (npm)); a candidate other
 *       must have been requested by name and have a record in its read group that is covered by
 *       engines (covered_by; a requested tool that ran and failed is covered by those of its engines
 *       that ran, keeping its error), or a tool that ran with success. With none, the first tool's own record keeps it. Every
 *       other record has {@code issues: []} and, when its tool reported findings held elsewhere,
 *       {@code issues_in} (the {@code group.name} records holding them).</li>
 *   <li>Ids: the fallback reader's ids have no file ({@code bandit_<test_id>_<line_number>},
 *       {@code semgrep_<rule_id>_<line>}, {@code detect_secrets_<line>},
 *       {@code pip_audit_<id>_<package>}, {@code npm_audit_<package>_<severity>}, ...), the shared
 *       reader's are {@code <record>_<rule_id>_<file>_<line>}; both keep the first of equal ids. A
 *       finding whose ids are taken goes to its next candidate; when every candidate is taken, to
 *       the first candidate whose id has a rule key, with that key written {@code <rule>~<n>}
 *       (n = 2, 3, ...: {@code test_id}, {@code rule_id}, {@code message-id}, the advisory id, the
 *       npm package key), {@code rule} itself and {@code analysis.findings[]} unchanged.</li>
 * </ul>
 * Not thread-safe; one instance per reply.
 */
public final class ManagerLayout {

  /** The records the original's fallback reader reads, with their group. */
  public static final Map<String, String> READ_GROUP = Map.ofEntries(Map.entry("bandit", "python"),
      Map.entry("pylint", "python"), Map.entry("semgrep", "python"), Map.entry("ruff", "python"),
      Map.entry("detect-secrets", "python"), Map.entry("pip-audit", "python"), Map.entry("safety", "python"),
      Map.entry("eslint", "javascript"), Map.entry("npm-audit", "javascript"));

  /** Candidate owners of each tool's findings, in order (the tool's own record is tried first when it is read). */
  public static final Map<String, List<String>> CANDIDATES = Map.ofEntries(
      Map.entry("bandit", List.of("bandit", "semgrep", "ruff")),
      Map.entry("pylint", List.of("pylint")),
      Map.entry("flake8", List.of("ruff", "pylint")),
      Map.entry("python-security", List.of("semgrep", "bandit", "ruff")),
      Map.entry("config", List.of("semgrep", "bandit")),
      Map.entry("shellcheck", List.of("semgrep")),
      Map.entry("js-security", List.of("eslint", "semgrep")),
      Map.entry("eslint", List.of("eslint", "semgrep")),
      Map.entry("secrets", List.of("detect-secrets", "semgrep", "bandit", "ruff")),
      Map.entry("npm-audit", List.of("npm-audit")));

  private static final List<String> PYPI_OWNERS = List.of("pip-audit", "safety");
  private static final List<String> NPM_OWNERS = List.of("npm-audit");

  /** One finding placed in its owner's record. */
  public record Placed(Finding finding, String owner, String ruleKey, String packageKey) {}

  private final Map<String, Map<String, Object>> groups;
  private final Set<String> requested;
  private final Set<String> fallbackIds = new HashSet<>();
  private final Set<String> sharedIds = new HashSet<>();
  private final Set<String> npmKeys = new HashSet<>();
  private final Map<String, List<Placed>> placed = new LinkedHashMap<>();
  private final Map<String, Set<String>> issuesIn = new LinkedHashMap<>();

  /**
   * @param groups the reply's {@code results}: group → record name → record (rewritten in place by {@link #apply})
   * @param requested the tool names of the request (empty: none by name)
   */
  public ManagerLayout(Map<String, Map<String, Object>> groups, Set<String> requested) {
    this.groups = groups;
    this.requested = Set.copyOf(requested);
  }

  /**
   * Places {@code merged} and rewrites every record's {@code issues} (and, for the owners that need
   * them, {@code vulnerabilities} and {@code sarif}), {@code total_issues} and {@code issue_count}.
   *
   * @param versions tool name → version (for the SARIF of SARIF-native owners; may lack names)
   * @param toolFindings tool name → how many findings that tool itself reported (kept as {@code tool_findings})
   */
  public void apply(List<Finding> merged, Map<String, String> versions, Map<String, Integer> toolFindings) {
    for (Finding f : merged) {
      place(f);
    }
    for (Map.Entry<String, Map<String, Object>> g : groups.entrySet()) {
      for (Map.Entry<String, Object> r : g.getValue().entrySet()) {
        if (!(r.getValue() instanceof Map<?, ?>)) {
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rec = (Map<String, Object>) r.getValue();
        String key = g.getKey() + "." + r.getKey();
        List<Placed> here = placed.getOrDefault(key, List.of());
        rewrite(r.getKey(), g.getKey(), rec, here, versions.get(r.getKey()));
        if (toolFindings.containsKey(r.getKey())) {
          rec.put("tool_findings", toolFindings.get(r.getKey()));
        }
        Set<String> elsewhere = issuesIn.get(r.getKey());
        if (elsewhere != null && !elsewhere.isEmpty()) {
          Set<String> others = new LinkedHashSet<>(elsewhere);
          others.remove(key);
          if (!others.isEmpty()) {
            rec.put("issues_in", List.copyOf(others));
          }
        }
      }
    }
  }

  /** Where each finding went, by {@code group.name}. */
  public Map<String, List<Placed>> placed() {
    return placed;
  }

  private void place(Finding f) {
    List<String> candidates = new ArrayList<>();
    for (String tool : f.tools()) {
      for (String c : candidates(tool, f)) {
        if (!candidates.contains(c) && present(c, tool)) {
          candidates.add(c);
        }
      }
    }
    String own = ownKey(f.tool());
    Placed p = null;
    for (String c : candidates) {
      p = tryPlace(f, c, 1, true);
      if (p != null) {
        break;
      }
    }
    if (p == null) {
      String target = null;
      for (String c : candidates) {
        if (!c.equals("detect-secrets")) {
          target = c;
          break;
        }
      }
      if (target == null && !candidates.isEmpty()) {
        target = candidates.get(0);
      }
      boolean read = target != null;
      String where = read ? target : own;
      for (int n = read ? 2 : 1; p == null; n++) {
        p = read ? tryPlace(f, where, n, !where.equals("detect-secrets")) : tryOwn(f, where, n);
      }
    }
    String key = p.owner().contains(".") ? p.owner() : READ_GROUP.get(p.owner()) + "." + p.owner();
    placed.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    for (String t : f.tools()) {
      issuesIn.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(key);
    }
  }

  private List<String> candidates(String tool, Finding f) {
    if (tool.equals("dependencies")) {
      Object eco = f.extra().get("ecosystem");
      return "npm".equals(eco) ? NPM_OWNERS : PYPI_OWNERS;
    }
    return CANDIDATES.getOrDefault(tool, List.of());
  }

  /**
   * {@code name} was requested by name and its record in its read group is covered by engines
   * (whatever its status: an uninstalled bandit covered by python-security, or an npm-audit that ran
   * and failed, covered by dependencies) or is a tool that ran with success (a crashed tool nothing
   * covers holds nothing).
   */
  private boolean present(String name, String tool) {
    if (!requested.contains(name)) {
      return false;
    }
    Map<String, Object> group = groups.get(READ_GROUP.get(name));
    Object rec = group == null ? null : group.get(name);
    if (!(rec instanceof Map<?, ?> m)) {
      return false;
    }
    return m.get("covered_by") != null
        || Boolean.TRUE.equals(m.get("executed")) && OriginalVocabulary.SUCCESS.equals(m.get("status"));
  }

  /** The {@code group.name} of {@code tool}'s own record, or {@code tool} itself if it has none. */
  private String ownKey(String tool) {
    for (Map.Entry<String, Map<String, Object>> g : groups.entrySet()) {
      if (g.getValue().get(tool) instanceof Map<?, ?>) {
        return g.getKey() + "." + tool;
      }
    }
    return "structure." + tool;
  }

  private Placed tryPlace(Finding f, String owner, int n, boolean checkFallback) {
    String rule = n == 1 ? f.ruleId() : f.ruleId() + "~" + n;
    String pkg = pkg(f);
    if (n > 1 && owner.equals("npm-audit")) {
      pkg = pkg + "~" + n;
    }
    String fallback = fallbackId(owner, f, rule, pkg);
    String shared = sharedId(owner, f, rule);
    boolean npm = owner.equals("npm-audit");
    if ((checkFallback && fallbackIds.contains(fallback)) || sharedIds.contains(shared)
        || (npm && npmKeys.contains(pkg))) {
      return null;
    }
    if (npm) {
      npmKeys.add(pkg);
    }
    fallbackIds.add(fallback);
    sharedIds.add(shared);
    return new Placed(f, owner, rule, pkg);
  }

  private Placed tryOwn(Finding f, String ownKey, int n) {
    String rule = n == 1 ? f.ruleId() : f.ruleId() + "~" + n;
    String shared = sharedId(ownKey.substring(ownKey.indexOf('.') + 1), f, rule);
    if (!sharedIds.add(shared)) {
      return null;
    }
    return new Placed(f, ownKey, rule, pkg(f));
  }

  /** The fallback reader's id of {@code f} under {@code owner} (original-reading.md §2.2). */
  static String fallbackId(String owner, Finding f, String rule, String pkg) {
    int line = line(f);
    return switch (owner) {
      case "detect-secrets" -> "detect_secrets_" + line;
      case "pip-audit" -> "pip_audit_" + rule + "_" + pkg;
      case "safety" -> "safety_" + rule + "_" + pkg;
      case "npm-audit" -> "npm_audit_" + pkg + "_" + npmSeverity(f.severity());
      default -> owner + "_" + rule + "_" + line;
    };
  }

  /** The shared utilities' id of {@code f} in record {@code record} (§3.4). */
  static String sharedId(String record, Finding f, String rule) {
    return record + "_" + rule + "_" + file(f) + "_" + line(f);
  }

  private static String pkg(Finding f) {
    Object p = f.extra().get("package");
    return p == null ? "unknown" : p.toString();
  }

  static int line(Finding f) {
    Location l = f.location();
    return l == null || l.line() == null ? 0 : l.line();
  }

  static String file(Finding f) {
    Location l = f.location();
    if (l == null) {
      return "";
    }
    return l.isFile() ? l.file() : l.url() == null ? "" : l.url();
  }

  /** npm's words: critical, high, moderate, low, info. */
  static String npmSeverity(Severity s) {
    return switch (s) {
      case CRITICAL -> "critical";
      case HIGH -> "high";
      case MEDIUM -> "moderate";
      case LOW -> "low";
      case INFO -> "info";
    };
  }

  private static void rewrite(String name, String group, Map<String, Object> rec, List<Placed> here,
      String version) {
    List<Finding> findings = here.stream().map(Placed::finding).toList();
    rec.put("issues", ManagerIssues.issues(name, here));
    rec.put("total_issues", here.size());
    rec.put("issue_count", here.size());
    rec.put("severity_breakdown", ToolResult.breakdown(findings));
    boolean read = group.equals(READ_GROUP.get(name));
    if (read && (name.equals("pip-audit") || name.equals("safety")) && !here.isEmpty()) {
      rec.put("vulnerabilities", ManagerIssues.vulnerabilities(name, here));
    } else if (read && name.equals("npm-audit") && !here.isEmpty()) {
      rec.put("vulnerabilities", ManagerIssues.npmVulnerabilities(here));
    } else {
      rec.remove("vulnerabilities");
    }
    if (OriginalNames.isSarifNative(name) && rec.containsKey("sarif")) {
      rec.put("sarif", OriginalRecords.sarif(name, version, findings));
    }
    rec.remove("reported_under");
    rec.remove("reported_issues");
    rec.remove("reported_here");
  }
}
