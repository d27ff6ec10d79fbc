package dev.analyzer.ai.quality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's quality summary over metric results: weighted aggregate, grade A-F (A>=90, B>=80,
 * C>=70, D>=60), passed/failed counts, critical issues (failed metrics of weight >= 1.3, listed under
 * {@code critical_issues} and counted in {@code critical_metrics_count}; {@code critical_issues_count},
 * which the original's manager adds to the failed metrics, is 0 because they are failed metrics
 * already) and at most five recommendations. Stateless.
 */
public final class QualitySummary {

  private QualitySummary() {}

  /** The grade of {@code score}. */
  public static String grade(double score) {
    return score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : "F";
  }

  /** Weighted mean of the scores. */
  public static double aggregate(List<MetricResult> results) {
    double w = 0;
    double s = 0;
    for (MetricResult r : results) {
      w += r.metric().weight();
      s += r.metric().weight() * r.score();
    }
    return w == 0 ? 0 : Math.round(s / w * 10) / 10.0;
  }

  /** The {@code summary} object. */
  public static Map<String, Object> summary(List<MetricResult> results) {
    double agg = aggregate(results);
    long passed = results.stream().filter(MetricResult::passed).count();
    List<Map<String, Object>> critical = new ArrayList<>();
    Map<String, Object> breakdown = new LinkedHashMap<>();
    for (MetricResult r : results) {
      breakdown.put(r.metric().id(), Map.of("score", r.score(), "weight", r.metric().weight(),
          "weighted_score", Math.round(r.score() * r.metric().weight() * 10) / 10.0));
      if (!r.passed() && r.metric().weight() >= 1.3) {
        critical.add(Map.of("metric", r.metric().id(), "score", r.score(), "findings", r.findings()));
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("aggregate_score", agg);
    m.put("quality_grade", grade(agg));
    m.put("grade_description", switch (grade(agg)) {
      case "A" -> "Excellent";
      case "B" -> "Good";
      case "C" -> "Fair";
      case "D" -> "Poor";
      default -> "Failing";
    });
    m.put("total_metrics", results.size());
    m.put("metrics_passed", passed);
    m.put("metrics_failed", results.size() - passed);
    m.put("compliance_percentage", results.isEmpty() ? 0 : Math.round(1000.0 * passed / results.size()) / 10.0);
    // the original's manager adds critical_issues_count to the failed metrics: ours are failed metrics
    // themselves (counted there already), so the count of critical issues beyond them is 0
    m.put("critical_issues_count", 0);
    m.put("critical_metrics_count", critical.size());
    m.put("critical_issues", critical);
    m.put("score_breakdown", breakdown);
    return m;
  }

  /** At most five recommendations, failed heavy metrics first. */
  public static List<String> recommendations(List<MetricResult> results) {
    List<MetricResult> sorted = new ArrayList<>(results);
    sorted.sort((a, b) -> Double.compare(b.metric().weight() * (100 - b.score()), a.metric().weight() * (100 - a.score())));
    List<String> out = new ArrayList<>();
    for (MetricResult r : sorted) {
      for (String rec : r.recommendations()) {
        if (out.size() < 5) {
          out.add(r.metric().title() + ": " + rec);
        }
      }
    }
    return out;
  }
}
