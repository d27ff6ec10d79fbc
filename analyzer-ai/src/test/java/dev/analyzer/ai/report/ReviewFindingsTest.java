package dev.analyzer.ai.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.ai.requirements.Requirement;
import dev.analyzer.ai.review.Evidence;
import dev.analyzer.ai.review.RequirementVerdict;
import dev.analyzer.ai.review.Verdict;
import dev.analyzer.core.findings.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewFindingsTest {

  static RequirementVerdict v(Verdict verdict, String conf, Evidence... ev) {
    return new RequirementVerdict(new Requirement("r1", "Filters for All / Active", "frontend"), verdict, conf, 0.5,
        "why", List.of(ev), "llm", "failed", null, false);
  }

  @Test
  void onlyUnmetRequirementsBecomeFindingsAndOnlyTrueCitationsBecomeLocations() {
    List<Finding> f = ReviewFindings.of(List.of(
        v(Verdict.MET, "HIGH"),
        v(Verdict.PARTIAL, "LOW", new Evidence("a.js", 0, "x", false), new Evidence("a.js", 3, "y", true)),
        v(Verdict.PARTIAL, "LOW", new Evidence("nope.js", -2, "z", false)),
        v(Verdict.NOT_FOUND, "MEDIUM", new Evidence("a.js", 3, "y", true))), List.of());

    assertThat(f).extracting(Finding::ruleId).containsExactly("requirement-partial", "requirement-partial",
        "requirement-not-found");
    assertThat(f.get(0).location().line()).isEqualTo(3);
    assertThat(f.get(1).location()).isNull();
    assertThat(f.get(2).location()).isNull();
  }
}
