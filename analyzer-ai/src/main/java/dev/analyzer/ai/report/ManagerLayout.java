package dev.analyzer.ai.report;

import dev.analyzer.ai.endpoints.ControlTestResult;
import dev.analyzer.ai.quality.MetricResult;
import dev.analyzer.ai.review.RequirementVerdict;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.ToolStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our findings laid out where the original's manager, unchanged, counts them, once each:
 * <ul>
 *   <li>{@link #tools} for {@code analysis.results.tools}: its own extractor (the mode without the
 *       web app's shared utilities) reads {@code analysis.results}, then its {@code tools} map, and
 *       gives a finding per item with {@code met} (else {@code passed}) false in
 *       {@code backend_requirements}, {@code frontend_requirements}, {@code admin_requirements} and
 *       {@code control_endpoint_tests} of a successful requirements-scanner, and per entry of
 *       {@code findings[:10]} of each failed metric in {@code quality_metrics} of a successful
 *       code-quality-analyzer. So: every other category's requirements join
 *       {@code backend_requirements} (the reader never looks at {@code functional_requirements} when
 *       {@code backend_requirements} is there), only the control tests the app answered are under
 *       {@code control_endpoint_tests} (one that got no answer is no finding of ours; they are under
 *       {@code unanswered_endpoint_tests}), and a failed metric's {@code findings} is one entry, our
 *       finding's text (its details are under {@code finding_details}).</li>
 *   <li>{@link #issues} for {@code analysis.tool_results.<tool>.issues}: the shared utilities read
 *       only standardised issues, id {@code <tool>_<rule_id>_<file>_<line>}, dropping repeats, so a
 *       second finding with the same rule, file and line gets {@code file#<requirement id, endpoint or
 *       metric>}.</li>
 * </ul>
 * Stateless.
 */
public final class ManagerLayout {

  /** Where a finding without a place in the app is, as the original's manager names it. */
  public static final String REPORT = "ai_analysis_report";

  private ManagerLayout() {}

  /** {@code analysis.results.tools}: each tool's record laid out for the original's extractor. */
  public static Map<String, Object> tools(List<ToolOutcome> outcomes, List<RequirementVerdict> verdicts,
      List<ControlTestResult> endpoints, List<MetricResult> metrics, Map<String, Object> requirementsSummary,
      Map<String, Object> qualitySummary) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ToolOutcome o : outcomes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", OriginalStatus.of(o.status()));
      m.put("tool_name", o.tool());
      if (o.error() != null) {
        m.put("error", o.error());
      }
      if (o.status() == ToolStatus.SUCCESS && o.tool().equals("requirements-scanner")) {
        m.put("results", requirements(verdicts, endpoints, requirementsSummary));
      } else if (o.status() == ToolStatus.SUCCESS && o.tool().equals("code-quality-analyzer") && metrics != null) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("quality_metrics", metrics.stream().map(ManagerLayout::metric).toList());
        r.put("summary", qualitySummary);
        m.put("results", r);
      }
      out.put(o.tool(), m);
    }
    return out;
  }

  private static Map<String, Object> requirements(List<RequirementVerdict> verdicts, List<ControlTestResult> endpoints,
      Map<String, Object> summary) {
    Map<String, List<Object>> byCat = new LinkedHashMap<>();
    for (String c : List.of("backend", "frontend", "admin")) {
      byCat.put(c, new ArrayList<>());
    }
    for (RequirementVerdict v : verdicts) {
      String bucket = RequirementsReport.bucket(v.requirement().category());
      byCat.get(bucket.equals("functional") ? "backend" : bucket).add(item(v));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    byCat.forEach((c, items) -> r.put(c + "_requirements", items));
    r.put("control_endpoint_tests", endpoints.stream().filter(ManagerLayout::answered)
        .map(ControlTestResult::toMap).toList());
    r.put("unanswered_endpoint_tests", endpoints.stream().filter(e -> !answered(e))
        .map(ControlTestResult::toMap).toList());
    r.put("summary", summary);
    return r;
  }

  private static Map<String, Object> item(RequirementVerdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.requirement().id());
    m.put("requirement", v.requirement().text());
    m.put("met", v.met());
    m.put("verdict", v.verdict().wire());
    m.put("confidence", v.confidence() == null ? "LOW" : v.confidence());
    m.put("explanation", v.explanation() == null ? "" : v.explanation());
    m.put("category", v.requirement().category());
    return m;
  }

  private static Map<String, Object> metric(MetricResult r) {
    Map<String, Object> m = new LinkedHashMap<>(r.toMap());
    if (!r.passed()) {
      m.put("findings", List.of(ReviewFindings.metricText(r)));
      m.put("finding_details", r.findings());
    }
    return m;
  }

  /** A control test the app answered (with any status); one that got none is no finding of ours. */
  public static boolean answered(ControlTestResult e) {
    return e.statusCode() != null;
  }

  /**
   * {@code findings} of {@code tool} as the shared utilities' standardised issues
   * ({@code rule_id, file, line, severity, message, ...}), each with an id of its own.
   */
  public static List<Object> issues(String tool, List<Finding> findings) {
    Set<String> ids = new HashSet<>();
    List<Object> out = new ArrayList<>();
    for (Finding f : findings) {
      if (!f.tool().equals(tool)) {
        continue;
      }
      String file = f.location() == null ? REPORT : f.location().file() != null ? f.location().file()
          : f.location().url() != null ? f.location().url() : REPORT;
      int line = f.location() == null || f.location().line() == null ? 0 : f.location().line();
      String key = String.valueOf(f.extra().getOrDefault("requirement_id", f.extra().getOrDefault("endpoint",
          f.ruleId())));
      String candidate = file;
      if (ids.contains(id(tool, f, candidate, line))) {
        candidate = file + "#" + key;
      }
      for (int n = 2; ids.contains(id(tool, f, candidate, line)); n++) {
        candidate = file + "#" + key + "-" + n;
      }
      ids.add(id(tool, f, candidate, line));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule_id", f.ruleId());
      m.put("file", candidate);
      m.put("line", line);
      m.put("severity", f.severity().wire());
      m.put("confidence", f.confidence() == null ? null : f.confidence().wire());
      m.put("message", f.title());
      m.put("description", f.message());
      f.extra().forEach(m::putIfAbsent);
      out.add(m);
    }
    return out;
  }

  private static String id(String tool, Finding f, String file, int line) {
    return tool + "_" + f.ruleId() + "_" + file + "_" + line;
  }
}
