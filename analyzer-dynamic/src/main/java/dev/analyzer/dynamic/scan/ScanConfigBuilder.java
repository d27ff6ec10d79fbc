package dev.analyzer.dynamic.scan;

import dev.analyzer.dynamic.auth.AuthConfig;
import dev.analyzer.dynamic.endpoints.EndpointSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Builds a {@link ScanConfig}; every value starts at its default. Not thread-safe. */
public final class ScanConfigBuilder {

  int maxDepth = 3;
  int maxUrls = 200;
  int maxRequests = 5000;
  int maxRate = 200;
  Duration maxDuration = Duration.ofSeconds(300);
  Duration requestTimeout = Duration.ofSeconds(10);
  int concurrency = 8;
  Duration timeDelay = Duration.ofSeconds(2);
  boolean allowUnsafeMethods;
  Set<String> checks = ScanConfig.ALL_CHECKS;
  List<Integer> ports = ScanConfig.TOP_PORTS;
  Duration portTimeout = Duration.ofMillis(300);
  AuthConfig auth;
  List<EndpointSpec> endpoints = List.of();

  ScanConfigBuilder() {}

  ScanConfigBuilder(ScanConfig c) {
    maxDepth = c.maxDepth();
    maxUrls = c.maxUrls();
    maxRequests = c.maxRequests();
    maxRate = c.maxRate();
    maxDuration = c.maxDuration();
    requestTimeout = c.requestTimeout();
    concurrency = c.concurrency();
    timeDelay = c.timeDelay();
    allowUnsafeMethods = c.allowUnsafeMethods();
    checks = c.checks();
    ports = c.ports();
    portTimeout = c.portTimeout();
    auth = c.auth();
    endpoints = c.endpoints();
  }

  public ScanConfigBuilder withMaxDepth(int v) {
    maxDepth = v;
    return this;
  }

  public ScanConfigBuilder withMaxUrls(int v) {
    maxUrls = v;
    return this;
  }

  public ScanConfigBuilder withMaxRequests(int v) {
    maxRequests = v;
    return this;
  }

  public ScanConfigBuilder withMaxRate(int v) {
    maxRate = v;
    return this;
  }

  public ScanConfigBuilder withMaxDuration(Duration v) {
    maxDuration = v;
    return this;
  }

  public ScanConfigBuilder withRequestTimeout(Duration v) {
    requestTimeout = v;
    return this;
  }

  public ScanConfigBuilder withConcurrency(int v) {
    concurrency = v;
    return this;
  }

  public ScanConfigBuilder withTimeDelay(Duration v) {
    timeDelay = v;
    return this;
  }

  public ScanConfigBuilder withAllowUnsafeMethods(boolean v) {
    allowUnsafeMethods = v;
    return this;
  }

  public ScanConfigBuilder withChecks(Set<String> v) {
    checks = v;
    return this;
  }

  public ScanConfigBuilder withPorts(List<Integer> v) {
    ports = v;
    return this;
  }

  public ScanConfigBuilder withPortTimeout(Duration v) {
    portTimeout = v;
    return this;
  }

  public ScanConfigBuilder withAuth(AuthConfig v) {
    auth = v;
    return this;
  }

  public ScanConfigBuilder withEndpoints(List<EndpointSpec> v) {
    endpoints = v;
    return this;
  }

  /**
   * @throws IllegalArgumentException naming the first value out of its bound
   */
  public ScanConfig build() {
    return new ScanConfig(maxDepth, maxUrls, maxRequests, maxRate, maxDuration, requestTimeout, concurrency,
        timeDelay, allowUnsafeMethods, checks, ports, portTimeout, auth, endpoints);
  }
}
