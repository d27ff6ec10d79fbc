package dev.analyzer.client;

import java.util.List;

/**
 * A snapshot of the client, shaped after the original pool's {@code get_stats()}.
 *
 * @param maxConcurrentConnections ANALYZER_MAX_CONNECTIONS
 * @param activeConnections connections holding a permit now (in use, idle or closing)
 * @param pooledConnections idle connections kept for ping and health
 * @param waitingForConnection callers waiting for a permit
 * @param activeTasks analyses in flight (one per caller)
 * @param pendingRequests callers sharing another caller's analysis (dedup)
 * @param circuitBreakers breaker counts and per-URL state
 * @param replicas per replica: in flight, requests, failures, latency; in queue mode followed by one
 *     entry per kind for the queue (url: the NATS servers; breaker: the NATS connection status)
 * @param armedTimers timers waiting on the client's timer thread: request deadlines not yet settled
 *     and the idle sweep; a settled request's deadline is dropped at once, so this stays near the
 *     number of requests in flight
 */
public record ClientStats(int maxConcurrentConnections, int activeConnections, int pooledConnections,
    int waitingForConnection, int activeTasks, int pendingRequests, Breakers circuitBreakers,
    List<ReplicaStats> replicas, int armedTimers) {

  /**
   * @param total breakers (one per replica)
   * @param open breakers open now
   * @param halfOpen breakers half-open, or open with a probe due
   * @param states per URL
   */
  public record Breakers(int total, int open, int halfOpen, List<BreakerState> states) {}

  /**
   * @param url the replica URL
   * @param state closed, open or half_open
   * @param probesAdmitted requests admitted while half-open, over the breaker's life
   * @param staleOutcomes outcomes of requests admitted in an earlier breaker state that arrived while
   *     open or half-open: counted here, never as probes
   */
  public record BreakerState(String url, String state, long probesAdmitted, long staleOutcomes) {}

  /**
   * @param service the service (static, dynamic, performance, ai)
   * @param url the replica URL (for a replica bound to one address of its host, the URL with that
   *     address as host)
   * @param inFlight requests on it now
   * @param requests requests sent to it
   * @param failures requests that failed on it
   * @param latencyMillis recent average latency, -1 before the first success
   * @param breaker its breaker state
   * @param draining true when its address left its host's set: it finishes its work and gets no more
   */
  public record ReplicaStats(String service, String url, int inFlight, long requests, long failures,
      double latencyMillis, String breaker, boolean draining) {}
}
