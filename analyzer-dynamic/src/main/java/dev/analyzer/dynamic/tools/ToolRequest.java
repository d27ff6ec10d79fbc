package dev.analyzer.dynamic.tools;

import dev.analyzer.dynamic.report.FindingSink;
import dev.analyzer.dynamic.scan.ScanReport;
import dev.analyzer.service.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a tool run gets: the process runner (processes die with the analysis), the scan's proxy URL
 * (null for tools that cannot use one), the targets' URLs, the engine's report (suspicious
 * parameters, crawl), the profile, the time it may take, its {@code config.<tool>} and a progress
 * sink. Immutable.
 *
 * @param runner runs the tool's processes
 * @param proxyUrl {@code http://127.0.0.1:<port>} of the scan proxy, or null
 * @param targetUrls the reachable targets' URLs
 * @param hosts the pinned IP address of each reachable target's host (tools must not resolve names again)
 * @param report the engine's report, or null when the engine did not run
 * @param suspects parameters the engine marked suspicious of SQL injection
 * @param profile quick, standard or full
 * @param timeout the longest the tool may run
 * @param toolConfig {@code config.<tool>}
 * @param scratch a directory for the tool's files (deleted with the analysis), or null to make one
 * @param progress receives one line per tool event
 */
public record ToolRequest(ProcessRunner runner, String proxyUrl, List<String> targetUrls, Map<String, String> hosts,
    ScanReport report, List<FindingSink.Suspect> suspects, String profile, Duration timeout,
    Map<String, Object> toolConfig, Path scratch, Consumer<String> progress) {

  public ToolRequest {
    targetUrls = List.copyOf(targetUrls);
    hosts = Map.copyOf(hosts);
    suspects = List.copyOf(suspects);
    toolConfig = toolConfig == null ? Map.of() : Map.copyOf(toolConfig);
    progress = progress == null ? s -> { } : progress;
  }
}
