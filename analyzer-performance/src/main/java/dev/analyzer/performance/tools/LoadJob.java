package dev.analyzer.performance.tools;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.performance.PerformanceSettings;
import dev.analyzer.performance.config.LoadRequest;
import dev.analyzer.performance.generator.Scenario;
import dev.analyzer.service.AnalysisContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One tool's load test of one URL: the pinned target, what the request asked, the scenarios chosen,
 * the analysis (progress, cancel, processes), a scratch directory for tool files, and the tool's own
 * {@code config.<tool>} options. Immutable.
 */
public record LoadJob(ResolvedTarget target, LoadRequest load, List<Scenario> scenarios, AnalysisContext ctx,
    Path workDir, PerformanceSettings settings, Map<String, Object> toolConfig) {

  public LoadJob {
    scenarios = List.copyOf(scenarios);
    toolConfig = toolConfig == null ? Map.of() : Map.copyOf(toolConfig);
  }

  /** The URL of {@code scenario} on the target. */
  public String url(Scenario scenario) {
    return target.target().resolve(scenario.path()).toString();
  }

  /** {@code config.<tool>.<key>} as an integer, else {@code fallback}. */
  public int intOption(String key, int fallback, int min, int max) {
    Object v = toolConfig.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < min
        || n.intValue() > max) {
      throw new IllegalArgumentException("config." + key + " must be a whole number " + min + ".." + max + ", got " + v);
    }
    return n.intValue();
  }
}
