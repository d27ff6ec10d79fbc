package dev.analyzer.performance.config;

import dev.analyzer.performance.generator.LoadPlan;
import dev.analyzer.performance.generator.Scenario;
import dev.analyzer.performance.generator.Stage;
import dev.analyzer.performance.generator.WorkloadModel;
import dev.analyzer.performance.thresholds.Thresholds;
import java.time.Duration;
import java.util.List;

/**
 * What a request asks of the load test, read from {@code config.load} (and the original's
 * {@code users}/{@code duration}), within the service's caps. Immutable.
 *
 * @param scenarios the request's scenarios, or empty to derive them from the app
 */
public record LoadRequest(WorkloadModel model, double rate, List<Stage> stages, Duration duration, Duration warmup,
    int connections, Duration thinkTime, Duration timeout, List<Scenario> scenarios, Thresholds thresholds) {

  public LoadRequest {
    stages = List.copyOf(stages);
    scenarios = List.copyOf(scenarios);
  }

  /** The generator's plan for {@code chosen} scenarios. */
  public LoadPlan plan(List<Scenario> chosen, int ioThreads) {
    LoadPlan.Builder b = model == WorkloadModel.CLOSED ? LoadPlan.closed(connections, duration)
        : stages.isEmpty() ? LoadPlan.open(rate, duration) : LoadPlan.ramp(stages);
    return b.withConnections(connections).withWarmup(warmup).withThinkTime(thinkTime).withRequestTimeout(timeout)
        .withIoThreads(ioThreads).withScenarios(chosen).build();
  }

  /** The measured part's length (the stages' total for ramps). */
  public Duration measured() {
    if (stages.isEmpty()) {
      return duration;
    }
    Duration d = Duration.ZERO;
    for (Stage s : stages) {
      d = d.plus(s.duration());
    }
    return d;
  }
}
