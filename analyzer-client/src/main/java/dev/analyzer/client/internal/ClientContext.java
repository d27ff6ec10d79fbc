package dev.analyzer.client.internal;

import dev.analyzer.client.ClientSettings;
import dev.analyzer.client.pool.ConnectionPool;
import dev.analyzer.core.protocol.AnalysisKind;
import io.netty.util.Timer;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the client's request machinery shares: settings, the pool, the replicas of each service,
 * the clock and the timer. Immutable.
 *
 * @param settings the client settings
 * @param pool the connection pool
 * @param replicas each service's replicas, kept in step with DNS
 * @param clock timestamps of client-made replies
 * @param timer analysis deadlines, cancel grace periods and permit timeouts
 * @param requestDeadlines deadlines of ping and health exchanges: a timer wheel, since nearly every
 *     one is cancelled by its reply within microseconds, and arming it must not wake a thread
 */
public record ClientContext(ClientSettings settings, ConnectionPool pool, ReplicaDirectory replicas,
    Clock clock, ScheduledExecutorService timer, Timer requestDeadlines) {

  /** The name used as {@code service} in client-made replies. */
  public static String serviceLabel(AnalysisKind kind) {
    return kind.defaultServiceName();
  }
}
