package dev.analyzer.staticanalyzer.report;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.staticanalyzer.report.ManagerLayout.Placed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The entries of a record's {@code issues} and {@code vulnerabilities} as the original's manager
 * reads them (/work/notes/original-reading.md §2.2, §3.4): the parser shape {@code {file, line,
 * column, severity, confidence, message, rule, rule_name, code_snippet, more_info, cwe}} plus
 * {@code rule_id} (the key its semgrep, ruff and eslint readers and its shared utilities use) plus the
 * native keys its reader of that record takes (bandit's JSON keys, pylint's JSON keys,
 * {@code secret_type}); never JSON null where the reader calls {@code .replace} ({@code file},
 * {@code filename}, {@code path}: {@code ""}), every number a number (0 when unknown). Stateless.
 */
public final class ManagerIssues {

  private ManagerIssues() {}

  /** The issues of record {@code name}, in placement order. */
  public static List<Object> issues(String name, List<Placed> placed) {
    List<Object> out = new ArrayList<>(placed.size());
    for (Placed p : placed) {
      out.add(issue(name, p));
    }
    return out;
  }

  /** One issue of record {@code name}. */
  public static Map<String, Object> issue(String name, Placed p) {
    Finding f = p.finding();
    Map<String, Object> m = OriginalRecords.issue(f);
    String file = ManagerLayout.file(f);
    int line = ManagerLayout.line(f);
    Location loc = f.location();
    int column = loc == null || loc.column() == null ? 0 : loc.column();
    m.put("file", file);
    m.put("line", line);
    m.put("column", column);
    m.put("message", text(m.get("message")));
    m.put("rule_id", p.ruleKey());
    m.put("category", category(f));
    m.put("help_url", "");
    switch (name) {
      case "bandit" -> {
        m.put("test_id", p.ruleKey());
        m.put("test_name", f.title());
        m.put("line_number", line);
        m.put("issue_severity", OriginalVocabulary.severity(f.severity()).toUpperCase(Locale.ROOT));
        m.put("issue_confidence", f.confidence() == null ? "UNDEFINED" : f.confidence().wire().toUpperCase(Locale.ROOT));
        m.put("issue_text", text(m.get("message")));
        m.put("filename", file);
        m.put("col_offset", Math.max(0, column - 1));
        m.put("end_col_offset", loc == null || loc.endColumn() == null ? Math.max(0, column - 1) : loc.endColumn() - 1);
        m.put("code", f.evidence() == null ? "" : f.evidence());
        m.put("more_info", f.remediation() == null ? "" : f.remediation());
        m.put("issue_cwe", cwe(f));
        m.put("line_range", List.of(line));
      }
      case "pylint" -> {
        m.put("message-id", p.ruleKey());
        Object symbol = f.extra().get("symbol");
        m.put("symbol", symbol == null ? f.ruleId() : symbol.toString());
        m.put("type", pylintType(f));
        m.put("path", file);
        m.put("module", "");
        m.put("obj", "");
        m.put("endLine", loc == null || loc.endLine() == null ? line : loc.endLine());
        m.put("endColumn", loc == null || loc.endColumn() == null ? column : loc.endColumn());
      }
      case "detect-secrets" -> {
        m.put("secret_type", f.title());
        m.put("type", f.title());
      }
      default -> {
      }
    }
    return m;
  }

  /** safety's or pip-audit's {@code vulnerabilities} for the placed dependency findings. */
  public static List<Object> vulnerabilities(String name, List<Placed> placed) {
    List<Object> out = new ArrayList<>(placed.size());
    for (Placed p : placed) {
      Finding f = p.finding();
      Map<String, Object> v = new LinkedHashMap<>();
      List<String> fixed = fixed(f);
      String version = str(f.extra().get("installed_version"));
      String advisory = f.message() != null ? f.message() : f.title();
      if (name.equals("safety")) {
        v.put("vulnerability_id", p.ruleKey());
        v.put("package_name", p.packageKey());
        v.put("severity", OriginalVocabulary.severity(f.severity()));
        v.put("advisory", advisory);
        v.put("fixed_versions", fixed);
        v.put("analyzed_version", version);
        v.put("more_info_url", "https://osv.dev/vulnerability/" + f.ruleId());
        v.put("cwe_id", f.cwe() == null ? "" : f.cwe());
      } else {
        v.put("id", p.ruleKey());
        v.put("package", p.packageKey());
        v.put("version", version);
        v.put("fix_versions", fixed);
        v.put("aliases", aliases(f));
        v.put("description", advisory);
      }
      v.put("rule", f.ruleId());
      v.put("file", ManagerLayout.file(f));
      v.put("line", ManagerLayout.line(f));
      v.put("fingerprint", f.fingerprint());
      out.add(v);
    }
    return out;
  }

  /** npm-audit's {@code vulnerabilities} (npm v7+ shape): one entry per placed finding, keyed by package (suffixed on collision). */
  public static Map<String, Object> npmVulnerabilities(List<Placed> placed) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Placed p : placed) {
      Finding f = p.finding();
      Map<String, Object> v = new LinkedHashMap<>();
      String pkg = str(f.extra().get("package"));
      String severity = ManagerLayout.npmSeverity(f.severity());
      List<String> fixed = fixed(f);
      v.put("name", pkg.isEmpty() ? p.packageKey() : pkg);
      v.put("severity", severity);
      // npm-audit's own findings carry npm's values; OSV's (dependencies) the nearest equivalents
      Object direct = f.extra().get("is_direct");
      String url = str(f.extra().get("advisory_url"));
      String range = str(f.extra().get("vulnerable_range"));
      Object fix = f.extra().get("fix_available");
      v.put("isDirect", direct instanceof Boolean b ? b : true);
      Map<String, Object> via = new LinkedHashMap<>();
      via.put("source", f.ruleId());
      via.put("name", pkg);
      via.put("title", f.title());
      via.put("url", url.isEmpty() ? "https://osv.dev/vulnerability/" + f.ruleId() : url);
      via.put("severity", severity);
      via.put("range", range);
      v.put("via", List.of(via));
      v.put("effects", List.of());
      v.put("range", range);
      v.put("nodes", List.of());
      v.put("fixAvailable", fix instanceof Boolean b ? b : fix instanceof String ? Boolean.TRUE : !fixed.isEmpty());
      v.put("rule", f.ruleId());
      v.put("file", ManagerLayout.file(f));
      v.put("line", ManagerLayout.line(f));
      v.put("fingerprint", f.fingerprint());
      out.put(p.packageKey(), v);
    }
    return out;
  }

  /** pylint's message type from the message id's letter (C, R, W, E, F, I), else from our severity. */
  static String pylintType(Finding f) {
    String id = f.ruleId();
    if (id.length() > 1 && Character.isDigit(id.charAt(1))) {
      switch (id.charAt(0)) {
        case 'C':
          return "convention";
        case 'R':
          return "refactor";
        case 'W':
          return "warning";
        case 'E':
          return "error";
        case 'F':
          return "fatal";
        case 'I':
          return "info";
        default:
          break;
      }
    }
    return switch (OriginalVocabulary.severity(f.severity())) {
      case "high" -> "error";
      case "medium" -> "warning";
      default -> "info";
    };
  }

  private static Map<String, Object> cwe(Finding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (f.cwe() != null) {
      int id = Integer.parseInt(f.cwe().substring("CWE-".length()));
      m.put("id", id);
      m.put("link", "https://cwe.mitre.org/data/definitions/" + id + ".html");
    }
    return m;
  }

  private static String category(Finding f) {
    Object c = f.extra().get("rule_class");
    if (c != null) {
      return c.toString();
    }
    return ResultAssembler.isQuality(f) ? "quality" : "security";
  }

  private static List<String> fixed(Finding f) {
    Object v = f.extra().get("fixed_version");
    return v == null || v.toString().isBlank() ? List.of() : List.of(v.toString());
  }

  private static List<String> aliases(Finding f) {
    Object a = f.extra().get("aliases");
    List<String> out = new ArrayList<>();
    if (a instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
