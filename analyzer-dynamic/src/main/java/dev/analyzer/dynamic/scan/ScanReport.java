package dev.analyzer.dynamic.scan;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.dynamic.ports.PortScanner;
import dev.analyzer.dynamic.report.FindingSink;
import dev.analyzer.http.client.Reachability;
import dev.analyzer.http.target.ResolvedTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a built-in scan found and spent. Immutable.
 *
 * @param targets the targets scanned (policy-checked)
 * @param connectivity how each target answered the first request
 * @param findings merged findings, most severe first
 * @param suspects parameters marked suspicious of SQL injection (for sqlmap)
 * @param ports one port-scan result per host (empty when ports did not run)
 * @param endpointTests the endpoint tester's section per target URL (empty without config.endpoints)
 * @param siteMaps per target URL: endpoints, parameters, directories and sources found by the crawl
 * @param stats counters: requests_sent, bytes_received, budget_exhausted, urls_fetched, parameters_probed, ...
 * @param skipped what the scan did not do and why (budget exhausted, unsafe methods not allowed, ...)
 * @param auth per target URL: {@code logged_in} or {@code failed: why} (empty without config.auth)
 * @param duration wall time of the scan
 * @param rootHeaders per target URL: the response headers of its root page (for {@code connectivity})
 */
public record ScanReport(List<ResolvedTarget> targets, List<Reachability.Result> connectivity, List<Finding> findings,
    List<FindingSink.Suspect> suspects, List<PortScanner.Result> ports, Map<String, Map<String, Object>> endpointTests,
    Map<String, Map<String, Object>> siteMaps, Map<String, Object> stats, List<String> skipped, Map<String, String> auth,
    Duration duration, Map<String, Map<String, List<String>>> rootHeaders) {

  public ScanReport {
    targets = List.copyOf(targets);
    connectivity = List.copyOf(connectivity);
    findings = List.copyOf(findings);
    suspects = List.copyOf(suspects);
    ports = List.copyOf(ports);
    endpointTests = Map.copyOf(endpointTests);
    siteMaps = Map.copyOf(siteMaps);
    stats = Map.copyOf(stats);
    skipped = List.copyOf(skipped);
    auth = Map.copyOf(auth);
    rootHeaders = Map.copyOf(rootHeaders);
  }

  /** {@code success}, {@code partial} (some targets answered) or {@code targets_unreachable}. */
  public String connectivityStatus() {
    return Reachability.analysisStatus(connectivity);
  }

  /** The findings of rule {@code ruleId}. */
  public List<Finding> findings(String ruleId) {
    return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }
}
