package dev.analyzer.performance.generator.internal;

import dev.analyzer.performance.generator.Scenario;
import java.util.List;

/**
 * Picks scenarios in proportion to their weights by smooth weighted round robin (as nginx balances
 * upstreams): deterministic, exact over each cycle of the total weight, and no random numbers.
 * Not thread-safe (one per worker).
 */
final class ScenarioPicker {

  private final int[] weights;
  private final int[] current;
  private final int total;

  ScenarioPicker(List<Scenario> scenarios) {
    weights = scenarios.stream().mapToInt(Scenario::weight).toArray();
    current = new int[weights.length];
    int t = 0;
    for (int w : weights) {
      t += w;
    }
    total = t;
  }

  /** The index of the next scenario. */
  int next() {
    if (weights.length == 1) {
      return 0;
    }
    int best = 0;
    for (int i = 0; i < weights.length; i++) {
      current[i] += weights[i];
      if (current[i] > current[best]) {
        best = i;
      }
    }
    current[best] -= total;
    return best;
  }
}
