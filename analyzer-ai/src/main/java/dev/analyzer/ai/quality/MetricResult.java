package dev.analyzer.ai.quality;

import dev.analyzer.ai.review.Evidence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric's outcome in the original's shape ({@code metric_id, metric_name, passed, score,
 * confidence, findings, recommendations, evidence, weight}) plus {@code method}. Immutable.
 */
public record MetricResult(QualityMetric metric, double score, String confidence, List<String> findings,
    List<String> recommendations, List<Evidence> evidence, String method) {

  public MetricResult {
    score = Math.max(0, Math.min(100, Math.round(score * 10) / 10.0));
    findings = List.copyOf(findings);
    recommendations = List.copyOf(recommendations);
    evidence = List.copyOf(evidence.size() > 5 ? evidence.subList(0, 5) : evidence);
  }

  public boolean passed() {
    return score >= QualityMetric.PASS_SCORE;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric_id", metric.id());
    m.put("metric_name", metric.title());
    m.put("passed", passed());
    m.put("score", score);
    m.put("confidence", confidence);
    m.put("findings", findings);
    m.put("recommendations", recommendations);
    m.put("evidence", evidence.stream().map(Evidence::toMap).toList());
    m.put("weight", metric.weight());
    m.put("method", method);
    return m;
  }
}
