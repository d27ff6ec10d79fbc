package dev.analyzer.client.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ReplicaDirectory#refresh()} every ANALYZER_REPLICA_REFRESH on its own scheduler: a
 * DNS lookup may block for seconds, and the client's timer thread carries every request deadline.
 * Stateless; the caller owns (and shuts down) the scheduler.
 */
public final class ReplicaRefresher {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaRefresher.class);

  private ReplicaRefresher() {}

  /**
   * Schedules the refresh of {@code directory} every {@code every} (first run one period from now:
   * the directory resolved once when it was built), with a fixed delay so lookups never pile up.
   *
   * @return the scheduled task, or {@code null} when {@code every} is zero or no replica URL names a host
   */
  public static ScheduledFuture<?> schedule(ReplicaDirectory directory, Duration every,
      ScheduledExecutorService scheduler) {
    if (every.isZero() || !directory.hasNames()) {
      return null;
    }
    long nanos = every.toNanos();
    return scheduler.scheduleWithFixedDelay(() -> {
      try {
        directory.refresh();
      } catch (RuntimeException bug) {
        // a failed refresh must not cancel the next ones
        LOG.error("refreshing the replica set failed; the last known set stays", bug);
      }
    }, nanos, nanos, TimeUnit.NANOSECONDS);
  }
}
