package dev.analyzer.ai.review;

import dev.analyzer.ai.requirements.Requirement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The review of one requirement, by any method. {@link #toMap()} gives the original's item
 * ({@code requirement, met, confidence, explanation, category, partial, verification_pass,
 * route_check, weight}) plus {@code id, verdict, score, evidence, method, cached}. Immutable.
 *
 * @param requirement what was checked
 * @param verdict met, partial or not_found
 * @param confidence HIGH, MEDIUM or LOW
 * @param score 0..1: how strongly the code supports the requirement
 * @param explanation why, in words
 * @param evidence cited places
 * @param method {@code llm}, {@code local-llm} or {@code embedding-ir}
 * @param verificationPass the original's field: confirmed, failed, skipped, not_applicable, ...
 * @param routeCheck the {@code METHOD /path} check, or null when the requirement names no route
 * @param cached whether the model's answer came from the cache
 */
public record RequirementVerdict(Requirement requirement, Verdict verdict, String confidence, double score,
    String explanation, List<Evidence> evidence, String method, String verificationPass,
    Map<String, Object> routeCheck, boolean cached) {

  public static final int MAX_EXPLANATION = 500;

  public RequirementVerdict {
    evidence = List.copyOf(evidence);
    explanation = explanation == null ? "" : explanation.length() > MAX_EXPLANATION
        ? explanation.substring(0, MAX_EXPLANATION - 1) + "…" : explanation;
  }

  /** The original's {@code met}: verdict met with confidence other than LOW. */
  public boolean met() {
    return verdict == Verdict.MET && !"LOW".equals(confidence);
  }

  /**
   * A copy with another verdict, confidence, explanation and verification pass. A changed verdict
   * caps the score at its step (met 1.0, partial 0.5, not_found 0.0), so a downgrade lowers it.
   */
  public RequirementVerdict with(Verdict v, String conf, String why, String pass) {
    double s = v == verdict ? score : Math.min(score, switch (v) {
      case MET -> 1.0;
      case PARTIAL -> 0.5;
      case NOT_FOUND -> 0.0;
    });
    return new RequirementVerdict(requirement, v, conf, s, why, evidence, method, pass, routeCheck, cached);
  }

  /** A copy with {@code evidence}. */
  public RequirementVerdict withEvidence(List<Evidence> ev) {
    return new RequirementVerdict(requirement, verdict, confidence, score, explanation, ev, method, verificationPass,
        routeCheck, cached);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", requirement.id());
    m.put("requirement", requirement.text());
    m.put("met", met());
    m.put("verdict", verdict.wire());
    m.put("confidence", confidence);
    m.put("score", Math.round(score * 1000) / 1000.0);
    m.put("explanation", explanation);
    m.put("category", requirement.category());
    m.put("partial", verdict == Verdict.PARTIAL);
    m.put("verification_pass", verificationPass);
    if (routeCheck != null) {
      m.put("route_check", routeCheck);
    }
    m.put("weight", requirement.weight());
    m.put("evidence", evidence.stream().map(Evidence::toMap).toList());
    m.put("method", method);
    m.put("cached", cached);
    return m;
  }
}
