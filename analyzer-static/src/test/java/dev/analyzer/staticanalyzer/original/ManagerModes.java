package dev.analyzer.staticanalyzer.original;

import static dev.analyzer.core.testing.OriginalManagerModes.finding;
import static dev.analyzer.core.testing.Py.get;
import static dev.analyzer.core.testing.Py.isDict;
import static dev.analyzer.core.testing.Py.isList;
import static dev.analyzer.core.testing.Py.iter;
import static dev.analyzer.core.testing.Py.replace;
import static dev.analyzer.core.testing.Py.str;
import static dev.analyzer.core.testing.Py.truthy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.analyzer.core.testing.OriginalManagerModes;
import dev.analyzer.core.testing.OriginalManagerModes.ModeReading;
import dev.analyzer.core.testing.Py;
import dev.analyzer.core.testing.SharedModeReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The original manager's two ways of reading a static frame, line by line from
 * /work/notes/original-reading.md, with Python's semantics ({@link Py}: {@code .get(k, d)} gives
 * {@code d} only for a missing key, {@code None.replace} raises, iterating None raises, and any
 * exception inside the extractor discards every finding of the service):
 * <ul>
 *   <li>{@link #fallback} (§2.0, §2.1, §2.2, §3.1): the frame's top-level {@code results} if any, else
 *       the frame; {@code analysis.results.python} bandit (issues with Bandit's keys, else SARIF),
 *       pylint ({@code message-id}, {@code type}, {@code path}), semgrep (issues, else SARIF when
 *       {@code results} is empty, else semgrep's JSON), mypy, vulture ({@code results}), radon,
 *       detect-secrets, safety and pip-audit ({@code vulnerabilities}), ruff (issues, else SARIF);
 *       {@code javascript} eslint (issues, else ESLint's JSON; never SARIF), npm-audit (a dict of
 *       {@code vulnerabilities}); {@code css} stylelint; nothing else. Ids without the file; dedup
 *       keeps the first; severities folded to high/medium/low.</li>
 *   <li>{@link #shared} (§3.4): every {@code analysis.tool_results.<t>.issues[]} and
 *       {@code analysis.results.<cat>.<t>.issues[]}, id
 *       {@code <t>_<rule_id|test_id>_<file|filename>_<line|line_number>}; list-valued categories'
 *       {@code alerts[]}/{@code vulnerabilities[]}; SARIF never read; five severities.</li>
 * </ul>
 * What every service shares (the frame-to-{@code analysis.results} steps, the shared utilities'
 * extractor {@link SharedModeReader}, dedup and counts, the finding dict) is in analyzer-core's
 * test-jar ({@link OriginalManagerModes}); this class reads what is the static service's own: its
 * extractor and its tool names. Test code; stateless.
 */
final class ManagerModes {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ManagerModes() {}

  /** SHARED_UTILS_AVAILABLE false: the manager's own extractor. */
  static ModeReading fallback(JsonNode frame) {
    return OriginalManagerModes.fallback(frame, ManagerModes::staticFindings);
  }

  /** SHARED_UTILS_AVAILABLE true: {@code aggregate_findings_from_services} for this one service. */
  static ModeReading shared(JsonNode frame) {
    return OriginalManagerModes.shared(frame);
  }

  /** §2.2 {@code _extract_static_findings}, over the frame's {@code analysis.results}. */
  private static List<Map<String, Object>> staticFindings(JsonNode results) {
    List<Map<String, Object>> out = new ArrayList<>();
    JsonNode py = get(results, "python", F.objectNode());
    if (isDict(py)) {
      bandit(get(py, "bandit", F.objectNode()), out);
      JsonNode pylint = get(py, "pylint", F.objectNode());
      if (isDict(pylint) && truthy(get(pylint, "issues"))) {
        for (JsonNode i : iter(get(pylint, "issues"))) {
          out.add(finding("pylint_" + str(get(i, "message-id", text("unknown"))) + "_" + str(get(i, "line", num(0))),
              "pylint", str(get(i, "message-id", null)), Py.fallbackSeverity(str(get(i, "type", text("UNKNOWN")))),
              replace(get(i, "path", text("")), "/app/sources/", "")));
        }
      }
      semgrep(get(py, "semgrep", F.objectNode()), out);
      JsonNode mypy = get(py, "mypy", F.objectNode());
      if (isDict(mypy)) {
        JsonNode list = truthy(get(mypy, "issues")) ? get(mypy, "issues")
            : truthy(get(mypy, "results")) ? get(mypy, "results") : F.arrayNode();
        for (JsonNode i : iter(list)) {
          out.add(finding("mypy_" + str(get(i, "line", num(0))) + "_" + str(get(i, "column", num(0))), "mypy",
              str(get(i, "rule", text("type-check"))), Py.fallbackSeverity(str(get(i, "severity", text("UNKNOWN")))),
              replace(get(i, "file", text("")), "/app/sources/", "")));
        }
      }
      JsonNode vulture = get(py, "vulture", F.objectNode());
      if (isDict(vulture) && truthy(get(vulture, "results"))) {
        for (JsonNode r : iter(get(vulture, "results"))) {
          out.add(finding("vulture_" + str(get(r, "filename", text("unknown"))) + "_" + str(get(r, "line", num(0))),
              "vulture", "unused-code", "low", replace(get(r, "filename", text("")), "/app/sources/", "")));
        }
      }
      JsonNode radon = get(py, "radon", F.objectNode());
      if (isDict(radon) && truthy(get(radon, "issues"))) {
        for (JsonNode i : iter(get(radon, "issues"))) {
          out.add(finding("radon_" + str(get(i, "line", num(0))) + "_" + str(get(i, "column", num(0))), "radon",
              "cyclomatic-complexity", Py.fallbackSeverity(str(get(i, "severity", text("low")))),
              replace(get(i, "file", text("")), "/app/sources/", "")));
        }
      }
      JsonNode secrets = get(py, "detect-secrets", F.objectNode());
      if (isDict(secrets) && truthy(get(secrets, "issues"))) {
        for (JsonNode i : iter(get(secrets, "issues"))) {
          out.add(finding("detect_secrets_" + str(get(i, "line", num(0))), "detect-secrets", "secret-detection", "high",
              replace(get(i, "file", text("")), "/app/sources/", "")));
        }
      }
      JsonNode safety = get(py, "safety", F.objectNode());
      if (isDict(safety) && truthy(get(safety, "vulnerabilities"))) {
        for (JsonNode v : iter(get(safety, "vulnerabilities"))) {
          out.add(finding("safety_" + str(get(v, "vulnerability_id", text("unknown"))) + "_"
              + str(get(v, "package_name", text("unknown"))), "safety", str(get(v, "vulnerability_id", null)),
              Py.fallbackSeverity(str(get(v, "severity", text("medium")))), "requirements.txt"));
        }
      }
      JsonNode pipAudit = get(py, "pip-audit", F.objectNode());
      if (isDict(pipAudit) && truthy(get(pipAudit, "vulnerabilities"))) {
        for (JsonNode v : iter(get(pipAudit, "vulnerabilities"))) {
          if (truthy(get(v, "aliases", null))) {
            iter(get(v, "aliases"));
          }
          JsonNode aliases = get(v, "aliases", F.arrayNode());
          if (!isList(aliases)) {
            throw new Py.PyError("can only concatenate list (not \"" + Py.type(aliases) + "\") to list");
          }
          out.add(finding("pip_audit_" + str(get(v, "id", text("unknown"))) + "_" + str(get(v, "package",
              text("unknown"))), "pip-audit", str(get(v, "id", null)), "high", "requirements.txt"));
        }
      }
      JsonNode ruff = get(py, "ruff", F.objectNode());
      if (isDict(ruff)) {
        if (truthy(get(ruff, "issues"))) {
          standardIssues("ruff", get(ruff, "issues"), "warning", out);
        } else if (truthy(get(ruff, "sarif"))) {
          sarif("ruff", get(ruff, "sarif"), false, out);
        }
      }
    }
    JsonNode js = get(results, "javascript", F.objectNode());
    if (isDict(js)) {
      JsonNode eslint = get(js, "eslint", F.objectNode());
      if (isDict(eslint)) {
        if (truthy(get(eslint, "issues"))) {
          standardIssues("eslint", get(eslint, "issues"), "warning", out);
        } else if (truthy(get(eslint, "results"))) {
          for (JsonNode fr : iter(get(eslint, "results"))) {
            String path = replace(get(fr, "filePath", text("")), "/app/sources/", "");
            for (JsonNode i : iter(get(fr, "messages", F.arrayNode()))) {
              JsonNode sev = get(i, "severity", null);
              out.add(finding("eslint_" + str(get(i, "ruleId", text("unknown"))) + "_" + str(get(i, "line", num(0))),
                  "eslint", str(get(i, "ruleId", null)), Py.fallbackSeverity(sev != null && sev.isNumber()
                      && sev.asDouble() == 2 ? "error" : "warning"), path));
            }
          }
        }
      }
      JsonNode npm = get(js, "npm-audit", F.objectNode());
      if (isDict(npm) && truthy(get(npm, "vulnerabilities")) && isDict(get(npm, "vulnerabilities"))) {
        for (Map.Entry<String, JsonNode> e : fields(get(npm, "vulnerabilities"))) {
          JsonNode v = e.getValue();
          out.add(finding("npm_audit_" + e.getKey() + "_" + str(get(v, "severity", text("unknown"))), "npm-audit",
              "npm-audit-vulnerability", Py.fallbackSeverity(str(get(v, "severity", text("low")))), "package.json"));
        }
      }
    }
    JsonNode css = get(results, "css", F.objectNode());
    if (isDict(css)) {
      JsonNode stylelint = get(css, "stylelint", F.objectNode());
      if (isDict(stylelint) && truthy(get(stylelint, "results"))) {
        for (JsonNode fr : iter(get(stylelint, "results"))) {
          String path = replace(get(fr, "source", text("")), "/app/sources/", "");
          for (JsonNode w : iter(get(fr, "warnings", F.arrayNode()))) {
            JsonNode sev = get(w, "severity", null);
            out.add(finding("stylelint_" + str(get(w, "rule", text("unknown"))) + "_" + str(get(w, "line", num(0))),
                "stylelint", str(get(w, "rule", null)), Py.fallbackSeverity(truthy(sev) ? str(sev) : "warning"), path));
          }
        }
      }
    }
    return out;
  }

  private static void bandit(JsonNode bandit, List<Map<String, Object>> out) {
    if (!isDict(bandit)) {
      return;
    }
    JsonNode issues = get(bandit, "issues", F.arrayNode());
    if (!truthy(issues) && truthy(get(bandit, "sarif"))) {
      sarif("bandit", get(bandit, "sarif"), true, out);
    } else if (truthy(issues)) {
      for (JsonNode i : iter(issues)) {
        JsonNode cwe = get(i, "issue_cwe", F.objectNode());
        get(cwe, "id", null);
        out.add(finding("bandit_" + str(get(i, "test_id", text("unknown"))) + "_" + str(get(i, "line_number", num(0))),
            "bandit", str(get(i, "test_id", null)), Py.fallbackSeverity(str(get(i, "issue_severity", text("UNKNOWN")))),
            replace(get(i, "filename", text("")), "/app/sources/", "")));
      }
    }
  }

  private static void semgrep(JsonNode semgrep, List<Map<String, Object>> out) {
    if (!isDict(semgrep)) {
      return;
    }
    JsonNode results = get(semgrep, "results", F.arrayNode());
    JsonNode issues = get(semgrep, "issues", F.arrayNode());
    if (truthy(issues)) {
      standardIssues("semgrep", issues, "UNKNOWN", out);
    } else if (!truthy(results) && truthy(get(semgrep, "sarif"))) {
      sarif("semgrep", get(semgrep, "sarif"), false, out);
    } else if (truthy(results)) {
      for (JsonNode r : iter(results)) {
        JsonNode start = get(r, "start", F.objectNode());
        JsonNode extra = get(r, "extra", F.objectNode());
        out.add(finding("semgrep_" + str(get(r, "check_id", text("unknown"))) + "_" + str(get(start, "line", num(0))),
            "semgrep", str(get(r, "check_id", null)), Py.fallbackSeverity(str(get(extra, "severity", text("UNKNOWN")))),
            replace(get(r, "path", text("")), "/app/sources/", "")));
      }
    }
  }

  /** The {@code rule_id, line, file, severity} readers of semgrep, ruff and eslint (branch a). */
  private static void standardIssues(String tool, JsonNode issues, String dflt, List<Map<String, Object>> out) {
    for (JsonNode i : iter(issues)) {
      out.add(finding(tool + "_" + str(get(i, "rule_id", text("unknown"))) + "_" + str(get(i, "line", num(0))), tool,
          str(get(i, "rule_id", null)), Py.fallbackSeverity(str(get(i, "severity", text(dflt)))),
          replace(get(i, "file", text("")), "/app/sources/", "")));
    }
  }

  /** SARIF results: {@code 'runs' in sarif}, {@code locations[0]} (an empty list raises), {@code message.text}. */
  private static void sarif(String tool, JsonNode sarif, boolean banditSeverity, List<Map<String, Object>> out) {
    if (!isDict(sarif) || !sarif.has("runs")) {
      return;
    }
    for (JsonNode run : iter(sarif.get("runs"))) {
      for (JsonNode result : iter(get(run, "results", F.arrayNode()))) {
        JsonNode locations = get(result, "locations", F.arrayNode().add(F.objectNode()));
        if (!isList(locations) || locations.isEmpty()) {
          throw new Py.PyError("list index out of range");
        }
        JsonNode loc = get(locations.get(0), "physicalLocation", F.objectNode());
        JsonNode region = get(loc, "region", F.objectNode());
        String uri = replace(get(get(loc, "artifactLocation", F.objectNode()), "uri", text("")), "/app/sources/", "");
        get(get(result, "message", F.objectNode()), "text", text(""));
        String sev;
        if (banditSeverity) {
          sev = str(get(get(result, "properties", F.objectNode()), "issue_severity", get(result, "level",
              text("warning"))));
        } else {
          sev = str(get(result, "level", text("warning")));
        }
        out.add(finding(tool + "_" + str(get(result, "ruleId", text("unknown"))) + "_" + str(get(region, "startLine",
            num(0))), tool, str(get(result, "ruleId", null)), Py.fallbackSeverity(sev), uri));
      }
    }
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode dict) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    dict.fields().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode text(String s) {
    return TextNode.valueOf(s);
  }

  private static JsonNode num(int n) {
    return F.numberNode(n);
  }
}
