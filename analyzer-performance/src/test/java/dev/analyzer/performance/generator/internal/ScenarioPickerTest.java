package dev.analyzer.performance.generator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.performance.generator.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioPickerTest {

  @Test
  void everyCycleOfTheTotalWeightHoldsEachScenarioWeightTimesAndSpreadsThem() {
    ScenarioPicker p = new ScenarioPicker(List.of(Scenario.get("/a").withWeight(3), Scenario.get("/b"),
        Scenario.get("/c").withWeight(2)));
    int[] counts = new int[3];
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 600; i++) {
      int k = p.next();
      counts[k]++;
      if (i < 6) {
        order.append(k);
      }
    }
    assertThat(counts).containsExactly(300, 100, 200);
    assertThat(order.toString()).doesNotContain("000");
  }
}
