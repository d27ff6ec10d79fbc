package dev.analyzer.manager.run;

import dev.analyzer.core.findings.Severity;
import dev.analyzer.manager.services.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What to analyze and how.
 *
 * @param source the app's source directory, or null
 * @param urls the running app's URLs
 * @param services the analyses to run
 * @param model the model slug (results are filed under it)
 * @param app the app number
 * @param tools the tools to run (empty: all)
 * @param timeout deadline per analysis, or null for each service's default
 * @param failOn exit 1 when a finding is at least this severe, or null
 */
public record AnalyzeOptions(Path source, List<String> urls, List<ServiceSpec> services, String model, int app,
    List<String> tools, Duration timeout, Severity failOn) {

  public AnalyzeOptions {
    urls = List.copyOf(urls);
    services = List.copyOf(services);
    tools = List.copyOf(tools);
  }
}
