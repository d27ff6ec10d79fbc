package dev.analyzer.dynamic.scan;

import dev.analyzer.dynamic.auth.AuthConfig;
import dev.analyzer.dynamic.endpoints.EndpointSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one scan may do and spend. Immutable and validated; build with {@link #builder()} or read a
 * request's {@code config} with {@link ScanConfigReader}.
 *
 * @param maxDepth crawl depth from each target's root (0 = the root page only)
 * @param maxUrls distinct URLs the crawler visits per target
 * @param maxRequests HTTP requests of the whole scan (tools behind the scan proxy included)
 * @param maxRate requests per second, 0 = unpaced
 * @param maxDuration wall time of the scan; no request starts later
 * @param requestTimeout one request's whole life
 * @param concurrency requests in flight at once
 * @param timeDelay the sleep time-based probes ask for (command injection, SQL)
 * @param allowUnsafeMethods probe POST/PUT/PATCH/DELETE forms and JSON bodies too
 * @param checks which check groups run: crawl, passive, exposure, active, ports
 * @param ports TCP ports the port scan tries
 * @param portTimeout connect timeout of one port
 * @param auth how to log in, or null
 * @param endpoints the endpoint tester's list (may be empty)
 */
public record ScanConfig(int maxDepth, int maxUrls, int maxRequests, int maxRate, Duration maxDuration,
    Duration requestTimeout, int concurrency, Duration timeDelay, boolean allowUnsafeMethods, Set<String> checks,
    List<Integer> ports, Duration portTimeout, AuthConfig auth, List<EndpointSpec> endpoints) {

  /** Every check group. */
  public static final Set<String> ALL_CHECKS = Set.of("passive", "exposure", "active", "ports");
  /** The default port list (top ports of small web stacks and their stores). */
  public static final List<Integer> TOP_PORTS = List.of(21, 22, 25, 80, 443, 1433, 2375, 3000, 3001, 3306, 4200,
      5000, 5001, 5173, 5432, 5672, 6379, 8000, 8001, 8008, 8080, 8081, 8443, 8888, 9000, 9090, 9200, 11211, 27017);

  public ScanConfig {
    range("max_depth", maxDepth, 0, 20);
    range("max_urls", maxUrls, 1, 100_000);
    range("max_requests", maxRequests, 1, 10_000_000);
    range("max_rate", maxRate, 0, 100_000);
    range("concurrency", concurrency, 1, 256);
    durationRange("max_duration", maxDuration, Duration.ofSeconds(1), Duration.ofHours(24));
    durationRange("request_timeout", requestTimeout, Duration.ofMillis(50), Duration.ofMinutes(10));
    durationRange("time_delay", timeDelay, Duration.ofMillis(100), Duration.ofSeconds(60));
    durationRange("port_timeout", portTimeout, Duration.ofMillis(10), Duration.ofSeconds(10));
    checks = Set.copyOf(checks);
    for (String c : checks) {
      if (!ALL_CHECKS.contains(c)) {
        throw new IllegalArgumentException("checks must be among " + ALL_CHECKS + ", got " + c);
      }
    }
    ports = List.copyOf(ports);
    if (ports.size() > 1024) {
      throw new IllegalArgumentException("ports must list at most 1024 ports, got " + ports.size());
    }
    for (int p : ports) {
      range("ports", p, 1, 65535);
    }
    endpoints = List.copyOf(endpoints);
  }

  /** The defaults (the README lists them). */
  public static ScanConfig defaults() {
    return builder().build();
  }

  public static ScanConfigBuilder builder() {
    return new ScanConfigBuilder();
  }

  /** A builder holding this config's values. */
  public ScanConfigBuilder toBuilder() {
    return new ScanConfigBuilder(this);
  }

  /** True when check group {@code name} runs. */
  public boolean runs(String name) {
    return checks.contains(name);
  }

  static void range(String name, int v, int min, int max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + v);
    }
  }

  static void durationRange(String name, Duration d, Duration min, Duration max) {
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be " + min.toMillis() / 1000.0 + ".."
          + max.toMillis() / 1000.0 + " s, got " + (d == null ? "null" : d.toMillis() / 1000.0 + " s"));
    }
  }
}
