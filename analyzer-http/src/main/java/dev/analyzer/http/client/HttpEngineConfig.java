package dev.analyzer.http.client;

import dev.analyzer.http.target.TargetPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The immutable settings of an {@link HttpEngine}, validated when built.
 *
 * @param targetPolicy re-checks every redirect hop; default {@link TargetPolicy#loopbackOnly()}
 * @param connectTimeout TCP connect timeout; default 5 s, bound 1 ms..5 min
 * @param readTimeout longest silence while a response is awaited; default 30 s, bound 1 ms..1 h
 * @param totalTimeout a request's whole life, redirects included, unless it sets its own; default 60 s, 1 ms..1 h
 * @param idleTimeout a kept-alive connection unused this long is closed; default 30 s, bound 1 ms..1 h
 * @param maxConnectionsPerTarget open connections per pinned target and session; default 64, bound 1..10000
 * @param ioThreads event-loop threads; default 1, bound 1..64
 * @param selfSignedOnLoopback accept any certificate (and host name) for https targets whose addresses are all
 *     loopback; default false. Never applies to other targets.
 * @param preferEpoll use epoll when available; default true
 */
public record HttpEngineConfig(TargetPolicy targetPolicy, Duration connectTimeout, Duration readTimeout,
    Duration totalTimeout, Duration idleTimeout, int maxConnectionsPerTarget, int ioThreads, boolean selfSignedOnLoopback,
    boolean preferEpoll) {

  public HttpEngineConfig {
    Objects.requireNonNull(targetPolicy, "targetPolicy");
    check("connectTimeout", connectTimeout, Duration.ofMinutes(5));
    check("readTimeout", readTimeout, Duration.ofHours(1));
    check("totalTimeout", totalTimeout, Duration.ofHours(1));
    check("idleTimeout", idleTimeout, Duration.ofHours(1));
    if (maxConnectionsPerTarget < 1 || maxConnectionsPerTarget > 10_000) {
      throw new IllegalArgumentException("maxConnectionsPerTarget must be 1..10000, got " + maxConnectionsPerTarget);
    }
    if (ioThreads < 1 || ioThreads > 64) {
      throw new IllegalArgumentException("ioThreads must be 1..64, got " + ioThreads);
    }
  }

  private static void check(String name, Duration d, Duration max) {
    if (d == null || d.toMillis() < 1 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be 1 ms.." + max + ", got " + d);
    }
  }

  /** Builds an engine; not thread-safe. */
  public static final class Builder {
    private TargetPolicy targetPolicy = TargetPolicy.loopbackOnly();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration totalTimeout = Duration.ofSeconds(60);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private int maxConnectionsPerTarget = 64;
    private int ioThreads = 1;
    private boolean selfSignedOnLoopback;
    private boolean preferEpoll = true;

    Builder() {
    }

    public Builder withTargetPolicy(TargetPolicy policy) {
      this.targetPolicy = policy;
      return this;
    }

    public Builder withConnectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    public Builder withReadTimeout(Duration d) {
      this.readTimeout = d;
      return this;
    }

    public Builder withTotalTimeout(Duration d) {
      this.totalTimeout = d;
      return this;
    }

    public Builder withIdleTimeout(Duration d) {
      this.idleTimeout = d;
      return this;
    }

    public Builder withMaxConnectionsPerTarget(int n) {
      this.maxConnectionsPerTarget = n;
      return this;
    }

    public Builder withIoThreads(int n) {
      this.ioThreads = n;
      return this;
    }

    public Builder withSelfSignedOnLoopback(boolean accept) {
      this.selfSignedOnLoopback = accept;
      return this;
    }

    public Builder withPreferEpoll(boolean prefer) {
      this.preferEpoll = prefer;
      return this;
    }

    /** The immutable config. */
    public HttpEngineConfig config() {
      return new HttpEngineConfig(targetPolicy, connectTimeout, readTimeout, totalTimeout, idleTimeout,
          maxConnectionsPerTarget,
          ioThreads, selfSignedOnLoopback, preferEpoll);
    }

    /** Validates and starts an engine (its event loops run until {@link HttpEngine#close()}). */
    public HttpEngine build() {
      return HttpEngine.start(config());
    }
  }
}
