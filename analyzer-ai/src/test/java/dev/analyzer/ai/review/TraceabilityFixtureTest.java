package dev.analyzer.ai.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.TraceabilityBenchmark;
import dev.analyzer.ai.requirements.RequirementLoader;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The no-model default on a fixture app whose 17 requirements have known truth (8 met, 3 partial,
 * 6 absent): precision and recall of "met", printed for BENCHMARKS.md, with floors the method reaches.
 */
class TraceabilityFixtureTest {

  @Test
  void embeddingIrFindsWhatTheFixtureImplements() throws Exception {
    // Given
    JsonNode truth = new ObjectMapper().readTree(Files.readString(Fixtures.resource("fixtures/todo-app.truth.json")));
    var reqs = RequirementLoader.load(Map.of(), Fixtures.todoApp(), null, p -> p).set().requirements();

    // When
    TraceabilityBenchmark.Run run = TraceabilityBenchmark.run(Fixtures.todoApp(), reqs);

    // Then
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int exact = 0;
    for (RequirementVerdict v : run.verdicts()) {
      String want = truth.get(v.requirement().id()).asText();
      boolean predicted = v.verdict() == Verdict.MET;
      boolean actual = want.equals("met");
      tp += predicted && actual ? 1 : 0;
      fp += predicted && !actual ? 1 : 0;
      fn += !predicted && actual ? 1 : 0;
      exact += v.verdict().wire().equals(want) ? 1 : 0;
      System.out.printf("%-4s want %-9s got %-9s %.3f %s%n", v.requirement().id(), want, v.verdict().wire(),
          v.score(), v.explanation());
    }
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    System.out.printf("embedding-ir on todo-app: %d requirements, precision(met) %.2f, recall(met) %.2f, "
        + "exact verdicts %d/%d, index %d ms, review %d ms%n", reqs.size(), precision, recall, exact, reqs.size(),
        run.indexMillis(), run.reviewMillis());
    assertThat(precision).isGreaterThanOrEqualTo(0.8);
    assertThat(recall).isGreaterThanOrEqualTo(0.75);
  }
}
