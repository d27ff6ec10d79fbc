package dev.analyzer.ai.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.code.CodeChunk;
import dev.analyzer.ai.requirements.Requirement;
import dev.analyzer.ai.retrieval.ContextBuilder;
import dev.analyzer.ai.retrieval.IndexedApp;
import dev.analyzer.ai.retrieval.MiniLmEmbedder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quality metrics from code facts, the original's grades, and retrieval within a budget (one index for the class). */
class QualityTest {

  static IndexedApp app;

  @BeforeAll
  static void index() throws Exception {
    app = IndexedApp.build(AppSource.read(Fixtures.todoApp(), 100, 1 << 20), MiniLmEmbedder.shared());
  }

  @Test
  void eightMetricsWithEvidenceAndTheOriginalsWeights() {
    List<MetricResult> m = new FactQualityScorer().score(app);

    assertThat(m).extracting(r -> r.metric().id()).containsExactly("error_handling", "type_safety",
        "code_organization", "documentation", "anti_patterns", "security_practices", "performance_patterns",
        "testing_readiness");
    MetricResult security = m.get(5);
    assertThat(security.evidence()).extracting(e -> e.quote()).anyMatch(q -> q.contains("generate_password_hash")
        || q.contains("os.environ") || q.contains("Authorization"));
    MetricResult tests = m.get(7);
    assertThat(tests.passed()).as("the fixture has no tests").isFalse();
    assertThat(tests.recommendations()).isNotEmpty();
    assertThat(m).allSatisfy(r -> assertThat(r.method()).isEqualTo("embedding-ir"));
  }

  @Test
  void gradesAggregateAndCriticalIssuesFollowTheOriginal() {
    assertThat(QualitySummary.grade(90)).isEqualTo("A");
    assertThat(QualitySummary.grade(89.9)).isEqualTo("B");
    assertThat(QualitySummary.grade(60)).isEqualTo("D");
    assertThat(QualitySummary.grade(59.9)).isEqualTo("F");
    List<MetricResult> two = List.of(
        new MetricResult(QualityMetric.ERROR_HANDLING, 40, "LOW", List.of("x"), List.of("fix"), List.of(), "embedding-ir"),
        new MetricResult(QualityMetric.DOCUMENTATION, 100, "LOW", List.of(), List.of(), List.of(), "embedding-ir"));
    Map<String, Object> s = QualitySummary.summary(two);
    assertThat(s.get("aggregate_score")).isEqualTo(Math.round((1.5 * 40 + 0.8 * 100) / 2.3 * 10) / 10.0);
    assertThat(s.get("critical_metrics_count")).isEqualTo(1);
    assertThat(s.get("critical_issues_count")).as("beyond the failed metrics").isEqualTo(0);
    assertThat(s.get("metrics_passed")).isEqualTo(1L);
    assertThat(QualitySummary.recommendations(two)).containsExactly("Error Handling: fix");
  }

  @Test
  void retrievalStaysWithinItsBudgetAndHeadsEachPieceWithPathAndLines() {
    List<CodeChunk> pieces = ContextBuilder.select(new Requirement("r", "PUT /api/todos/:id - update todo", "backend"),
        app, 2500);
    String text = ContextBuilder.render(pieces);

    assertThat(text.length()).isLessThanOrEqualTo(2500 + pieces.size());
    assertThat(pieces).allSatisfy(p -> assertThat(p.file()).isEqualTo("backend/app.py"));
    assertThat(text).contains("=== backend/app.py lines ").contains("89: @app.route(\"/api/todos/<int:todo_id>\"");
  }
}
