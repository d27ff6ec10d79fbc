package dev.analyzer.client.breaker;

import dev.failsafe.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one replica URL, on Failsafe's {@link CircuitBreaker}: it opens after
 * {@code threshold} consecutive failed requests, lets probes through after {@code delay}, admits at
 * most {@code halfOpenCalls} probes while half-open, and closes after that many probe successes.
 *
 * <p>Two things Failsafe 3.3.2 cannot do are done here, around it:
 * <ul>
 *   <li><b>Injected time.</b> Failsafe's open state reads {@code System.nanoTime()} itself; its own
 *       delay is set beyond reach, and the move from open to half-open is decided by the injected
 *       ticker ({@link #tryAcquire()} calls Failsafe's {@code halfOpen()} once the delay has passed).
 *       Counting, probe permits and closing stay Failsafe's.</li>
 *   <li><b>Epochs.</b> Every state change starts a new epoch, and each {@link BreakerPermit} carries
 *       the epoch it was admitted in. An outcome of an earlier epoch is never one of the half-open
 *       probes: recorded into Failsafe only while the breaker is closed (an ordinary outcome), and
 *       only counted ({@link #staleOutcomes()}) while open or half-open, so it can neither close the
 *       breaker nor hand out an extra probe permit (Failsafe releases a half-open permit on every
 *       record, matched or not: its issue #391).</li>
 *   <li><b>A probe budget per half-open period.</b> Failsafe's half-open state limits probes in
 *       flight, not probes admitted: every recorded probe releases its permit, so with probes
 *       finishing one after another it would admit any number of them. This class counts the
 *       probes admitted in the current half-open epoch and refuses beyond {@code halfOpenCalls};
 *       Failsafe still decides open and close (it needs {@code halfOpenCalls} successes to close
 *       and reopens on a probe failure, so only real probes of this period can close it).</li>
 * </ul>
 *
 * <p>Callers take a {@link BreakerPermit} per request and must settle it exactly once; a probe left
 * unsettled would wedge the breaker half-open. Thread-safe: every access to the Failsafe breaker
 * holds this object's lock, so no state change happens outside the epoch bookkeeping.
 */
public final class ReplicaBreaker {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaBreaker.class);
  /** Failsafe's own open delay: never reached, the ticker decides (see the class comment). */
  private static final Duration NEVER = Duration.ofDays(3650);

  /** The breaker's state as reported in stats. */
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final String url;
  private final CircuitBreaker<Object> breaker;
  private final Duration delay;
  private final LongSupplier nanoTime;
  private final int halfOpenCalls;
  private long epoch;
  private CircuitBreaker.State seen = CircuitBreaker.State.CLOSED;
  private long openedAtNanos;
  private long probesAdmitted;
  private int probesThisEpoch;
  private long staleOutcomes;

  /** A breaker timed by {@link System#nanoTime()}. */
  public ReplicaBreaker(String url, int threshold, Duration delay, int halfOpenCalls) {
    this(url, threshold, delay, halfOpenCalls, System::nanoTime);
  }

  /** @param nanoTime the ticker the open delay is measured with */
  public ReplicaBreaker(String url, int threshold, Duration delay, int halfOpenCalls, LongSupplier nanoTime) {
    this.url = url;
    this.delay = delay;
    this.nanoTime = nanoTime;
    this.halfOpenCalls = halfOpenCalls;
    this.breaker = CircuitBreaker.builder()
        .withFailureThreshold(threshold)
        .withSuccessThreshold(halfOpenCalls)
        .withDelay(NEVER)
        .onOpen(e -> LOG.warn("circuit breaker for {} opened", url))
        .onHalfOpen(e -> LOG.info("circuit breaker for {} half-open: probing", url))
        .onClose(e -> LOG.info("circuit breaker for {} closed", url))
        .build();
  }

  /** A permit for one request, or empty when the breaker refuses (open, or half-open and full). */
  public synchronized Optional<BreakerPermit> tryAcquire() {
    if (seen == CircuitBreaker.State.OPEN && delayPassed()) {
      breaker.halfOpen();
      sync();
    }
    boolean probe = seen == CircuitBreaker.State.HALF_OPEN;
    if (probe && probesThisEpoch >= halfOpenCalls) {
      return Optional.empty();
    }
    if (!breaker.tryAcquirePermit()) {
      return Optional.empty();
    }
    if (probe) {
      probesThisEpoch++;
      probesAdmitted++;
    }
    return Optional.of(new BreakerPermit(this, epoch, probe));
  }

  /** Records a permit's outcome (called by {@link BreakerPermit}, once per permit). */
  synchronized void record(long permitEpoch, boolean success) {
    if (permitEpoch != epoch && seen != CircuitBreaker.State.CLOSED) {
      staleOutcomes++;
      return;
    }
    if (success) {
      breaker.recordSuccess();
    } else {
      breaker.recordFailure();
    }
    sync();
  }

  private void sync() {
    CircuitBreaker.State now = breaker.getState();
    if (now != seen) {
      seen = now;
      epoch++;
      probesThisEpoch = 0;
      if (now == CircuitBreaker.State.OPEN) {
        openedAtNanos = nanoTime.getAsLong();
      }
    }
  }

  private boolean delayPassed() {
    return nanoTime.getAsLong() - openedAtNanos >= delay.toNanos();
  }

  /** The state for reporting: an open breaker whose delay has passed is reported half-open (a probe is due). */
  public synchronized State state() {
    switch (seen) {
      case OPEN:
        return delayPassed() ? State.HALF_OPEN : State.OPEN;
      case HALF_OPEN:
        return State.HALF_OPEN;
      default:
        return State.CLOSED;
    }
  }

  /** True unless the breaker is open and its delay has not passed (selection skips those). */
  public boolean mayAllow() {
    return state() != State.OPEN;
  }

  /** Permits handed out while half-open, over the breaker's life. */
  public synchronized long probesAdmitted() {
    return probesAdmitted;
  }

  /** Outcomes of permits admitted in an earlier state, counted but kept out of the probes. */
  public synchronized long staleOutcomes() {
    return staleOutcomes;
  }

  /** State changes so far; a permit remembers the epoch it was admitted in. */
  public synchronized long epoch() {
    return epoch;
  }

  public String url() {
    return url;
  }
}
