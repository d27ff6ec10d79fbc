package dev.analyzer.manager.run;

import dev.analyzer.core.findings.Severity;
import dev.analyzer.manager.services.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to analyze and how. Immutable.
 *
 * @param source the app's source directory, or null
 * @param urls the running app's URLs
 * @param services the analyses to run
 * @param model the model slug (results are filed under it)
 * @param app the app number
 * @param tools the tools to run (empty: all); each goes only to the services that have it
 * @param timeout deadline per analysis, or null for each service's default
 * @param failOn exit 1 when a finding is at least this severe, or null
 * @param allowMissing a service that is not built or not running does not make the exit code 3
 * @param config per service name, the request's {@code config} object (thresholds, auth, requirements)
 */
public record AnalyzeOptions(Path source, List<String> urls, List<ServiceSpec> services, String model, int app,
    List<String> tools, Duration timeout, Severity failOn, boolean allowMissing, Map<String, Map<String, Object>> config) {

  public AnalyzeOptions {
    urls = List.copyOf(urls);
    services = List.copyOf(services);
    tools = List.copyOf(tools);
    config = config == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(config));
  }

  /** Options without per-service config and with missing services counted as failures. */
  public AnalyzeOptions(Path source, List<String> urls, List<ServiceSpec> services, String model, int app,
      List<String> tools, Duration timeout, Severity failOn) {
    this(source, urls, services, model, app, tools, timeout, failOn, false, Map.of());
  }

  /** These options analyzing {@code dir} instead (a cloned repository). */
  public AnalyzeOptions withSource(Path dir) {
    return new AnalyzeOptions(dir, urls, services, model, app, tools, timeout, failOn, allowMissing, config);
  }

  /** These options with the app's URLs (an app the CLI started). */
  public AnalyzeOptions withUrls(List<String> newUrls) {
    return new AnalyzeOptions(source, newUrls, services, model, app, tools, timeout, failOn, allowMissing, config);
  }
}
