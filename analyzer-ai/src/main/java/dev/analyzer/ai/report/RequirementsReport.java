package dev.analyzer.ai.report;

import dev.analyzer.ai.endpoints.ControlTestResult;
import dev.analyzer.ai.requirements.RequirementSet;
import dev.analyzer.ai.review.RequirementVerdict;
import dev.analyzer.ai.review.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code requirements-scanner} record in the original's shape: {@code results} with
 * {@code backend_requirements}, {@code frontend_requirements}, {@code admin_requirements},
 * {@code functional_requirements} (every other category), {@code control_endpoint_tests} and a
 * {@code summary} with per-category totals, compliance = (met + passed endpoints) / (requirements +
 * endpoints) and weighted compliance (requirement weights, endpoints weigh 1). Stateless.
 */
public final class RequirementsReport {

  private RequirementsReport() {}

  /** The tool's {@code results} object. */
  public static Map<String, Object> results(List<RequirementVerdict> verdicts, List<ControlTestResult> endpoints) {
    Map<String, List<Map<String, Object>>> byCat = new LinkedHashMap<>();
    for (String c : List.of("backend", "frontend", "admin", "functional")) {
      byCat.put(c, new ArrayList<>());
    }
    for (RequirementVerdict v : verdicts) {
      byCat.computeIfAbsent(bucket(v.requirement().category()), k -> new ArrayList<>()).add(v.toMap());
    }
    Map<String, Object> results = new LinkedHashMap<>();
    byCat.forEach((c, items) -> results.put(c + "_requirements", items));
    results.put("control_endpoint_tests", endpoints.stream().map(ControlTestResult::toMap).toList());
    results.put("summary", summary(verdicts, endpoints));
    return results;
  }

  /** The original's bucket for a category: backend, frontend, admin, else functional. */
  public static String bucket(String category) {
    return switch (category) {
      case "backend", "frontend", "admin" -> category;
      default -> "functional";
    };
  }

  /** Per-category and overall counts and percentages. */
  public static Map<String, Object> summary(List<RequirementVerdict> verdicts, List<ControlTestResult> endpoints) {
    Map<String, Object> s = new LinkedHashMap<>();
    double weightAll = 0;
    double weightMet = 0;
    int met = 0;
    int partial = 0;
    for (String c : List.of("backend", "frontend", "admin", "functional")) {
      List<RequirementVerdict> in = verdicts.stream().filter(v -> bucket(v.requirement().category()).equals(c)).toList();
      long m = in.stream().filter(RequirementVerdict::met).count();
      s.put("total_" + c, in.size());
      s.put(c + "_met", m);
      s.put(c + "_compliance", percent(m, in.size()));
    }
    for (RequirementVerdict v : verdicts) {
      weightAll += v.requirement().weight();
      if (v.met()) {
        met++;
        weightMet += v.requirement().weight();
      }
      if (v.verdict() == Verdict.PARTIAL) {
        partial++;
      }
    }
    long passed = endpoints.stream().filter(ControlTestResult::passed).count();
    long adminTotal = endpoints.stream().filter(ControlTestResult::admin).count();
    long adminPassed = endpoints.stream().filter(e -> e.admin() && e.passed()).count();
    s.put("total_requirements", verdicts.size());
    s.put("requirements_met", met);
    s.put("requirements_partial", partial);
    s.put("requirements_not_found", verdicts.stream().filter(v -> v.verdict() == Verdict.NOT_FOUND).count());
    s.put("total_endpoints", endpoints.size());
    s.put("endpoints_passed", passed);
    s.put("public_endpoints_total", endpoints.size() - adminTotal);
    s.put("public_endpoints_passed", passed - adminPassed);
    s.put("admin_endpoints_total", adminTotal);
    s.put("admin_endpoints_passed", adminPassed);
    originalTotals(s, verdicts, endpoints);
    s.put("compliance_percentage", percent(met + passed, verdicts.size() + endpoints.size()));
    s.put("weighted_compliance", weightAll + endpoints.size() == 0 ? 0.0
        : Math.round(1000 * (weightMet + passed) / (weightAll + endpoints.size())) / 10.0);
    s.put("functional_compliance", percent(met, verdicts.size()));
    return s;
  }

  /**
   * The pairs the original's manager takes {@code total_issues} from (§3.3 pass 2): unmet
   * {@code backend_total - backend_met} (backend and every other category: it has no slot for those)
   * + {@code frontend_total - frontend_met} + {@code admin_total - admin_met} + failed
   * {@code total_api_endpoints - api_endpoints_passed} (the control tests the app answered), which is
   * our findings of the tool.
   */
  private static void originalTotals(Map<String, Object> s, List<RequirementVerdict> verdicts,
      List<ControlTestResult> endpoints) {
    for (String c : List.of("backend", "frontend", "admin")) {
      List<RequirementVerdict> in = verdicts.stream().filter(v -> {
        String b = bucket(v.requirement().category());
        return b.equals(c) || c.equals("backend") && b.equals("functional");
      }).toList();
      s.put(c + "_total", in.size());
      s.put(c + "_met", in.stream().filter(RequirementVerdict::met).count());
    }
    s.put("total_api_endpoints", endpoints.stream().filter(ManagerLayout::answered).count());
    s.put("api_endpoints_passed", endpoints.stream().filter(ControlTestResult::passed).count());
  }

  /** The {@code template_info} object. */
  public static Map<String, Object> templateInfo(RequirementSet set) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("slug", set.templateSlug());
    m.put("source", set.source());
    m.put("requirements", set.requirements().size());
    m.put("endpoints", set.endpoints().size());
    return m;
  }

  static double percent(long part, long whole) {
    return whole == 0 ? 0.0 : Math.round(1000.0 * part / whole) / 10.0;
  }
}
