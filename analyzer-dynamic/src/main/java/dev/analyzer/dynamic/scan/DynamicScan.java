package dev.analyzer.dynamic.scan;

import dev.analyzer.http.client.HttpEngine;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The built-in dynamic scanner, usable without the WebSocket service:
 * <pre>{@code
 * try (DynamicScan scan = DynamicScan.builder().withConfig(ScanConfig.defaults()).build()) {
 *   ScanReport report = scan.scan(List.of("http://127.0.0.1:5000"));
 *   report.findings().forEach(f -> System.out.println(f.ruleId() + " " + f.location().url()));
 * }
 * }</pre>
 * Targets must pass the {@link TargetPolicy} (loopback by default; {@code ANALYZER_ALLOWED_TARGETS}
 * through {@link TargetPolicy#fromEnvironment}); a refused target throws
 * {@link dev.analyzer.http.target.TargetRefusedException} before any request. Thread-safe: several
 * scans may run at once on one instance; {@link #close()} stops the HTTP engine it owns.
 */
public final class DynamicScan implements AutoCloseable {

  private final ScanConfig config;
  private final TargetPolicy policy;
  private final HttpEngine engine;
  private final boolean ownsEngine;
  private final LongSupplier nanoTime;

  private DynamicScan(Builder b) {
    this.config = b.config;
    this.policy = b.policy;
    this.ownsEngine = b.engine == null;
    this.engine = b.engine != null ? b.engine : HttpEngine.builder().withTargetPolicy(b.policy)
        .withReadTimeout(b.config.requestTimeout()).withTotalTimeout(b.config.requestTimeout())
        .withMaxConnectionsPerTarget(Math.max(4, b.config.concurrency())).build();
    this.nanoTime = b.nanoTime;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The config scans of this instance use unless one is given. */
  public ScanConfig config() {
    return config;
  }

  /** The policy every target and redirect is checked against. */
  public TargetPolicy policy() {
    return policy;
  }

  /**
   * Checks {@code urls} against the policy.
   *
   * @throws IllegalArgumentException for a malformed URL
   * @throws dev.analyzer.http.target.TargetRefusedException for a refused host
   */
  public List<ResolvedTarget> resolve(List<String> urls) {
    List<ResolvedTarget> out = new ArrayList<>();
    for (String u : urls) {
      ResolvedTarget t = policy.check(Target.parse(u));
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Scans {@code urls} with this instance's config and no listener. */
  public ScanReport scan(List<String> urls) throws InterruptedException {
    return scan(resolve(urls), config, ScanListener.NONE);
  }

  /** Scans {@code targets} with {@code config}; {@code listener} gets progress and may cancel. */
  public ScanReport scan(List<ResolvedTarget> targets, ScanConfig config, ScanListener listener)
      throws InterruptedException {
    try (ScanSession s = open(targets, config, listener)) {
      return s.runEngine();
    }
  }

  /**
   * Opens a scan session (its HTTP session, budget and workers) without running anything yet: the
   * service runs the engine, then the tools through {@link ScanSession#proxy()} on the same budget.
   */
  public ScanSession open(List<ResolvedTarget> targets, ScanConfig config, ScanListener listener) {
    return new ScanSession(engine, policy, List.copyOf(targets), Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(listener, "listener"), nanoTime);
  }

  @Override
  public void close() {
    if (ownsEngine) {
      engine.close();
    }
  }

  /** Builds a {@link DynamicScan}; not thread-safe. */
  public static final class Builder {
    private ScanConfig config = ScanConfig.defaults();
    private TargetPolicy policy = TargetPolicy.loopbackOnly();
    private HttpEngine engine;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder() {}

    /** The scan config (default {@link ScanConfig#defaults()}). */
    public Builder withConfig(ScanConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The target policy (default loopback only). */
    public Builder withTargetPolicy(TargetPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** An engine to share (its policy must be this builder's); default: one of its own, closed with the scan. */
    public Builder withHttpEngine(HttpEngine engine) {
      this.engine = engine;
      return this;
    }

    /** The time source for response timings (default {@link System#nanoTime()}). */
    public Builder withNanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    public DynamicScan build() {
      if (config.requestTimeout().compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("request_timeout must be at most 1 h");
      }
      return new DynamicScan(this);
    }
  }
}
