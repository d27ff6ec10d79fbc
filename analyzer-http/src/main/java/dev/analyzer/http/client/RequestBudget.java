package dev.analyzer.http.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What one analysis may spend on HTTP: requests, response body bytes (after decompression), wall
 * time since the budget was created, and a rate (requests per second, paced: a request over the
 * rate waits for its slot rather than failing). The engine consults it in exactly one place, before
 * each request or redirect hop is sent; once a limit is reached every further request fails with
 * {@link HttpFailure.Kind#BUDGET_EXHAUSTED} and {@link Snapshot#budgetExhausted()} turns true.
 * Bytes are counted as they arrive, so the response that crosses the byte limit completes and the
 * next request is refused.
 *
 * <p>Thread-safe: many requests of one analysis may draw on it at once.
 */
public final class RequestBudget {

  /** What a result reports: {@code requests_sent}, {@code bytes_received}, {@code budget_exhausted}. */
  public record Snapshot(long requestsSent, long bytesReceived, boolean budgetExhausted, String exhaustedBy) {

    /** The fields a result carries: {@code requests_sent}, {@code bytes_received}, {@code budget_exhausted}. */
    public java.util.Map<String, Object> toMap() {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("requests_sent", requestsSent);
      m.put("bytes_received", bytesReceived);
      m.put("budget_exhausted", budgetExhausted);
      return java.util.Collections.unmodifiableMap(m);
    }
  }

  private final long maxRequests;
  private final long maxBytes;
  private final long maxDurationNanos;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final long start;
  private long sent;
  private long bytes;
  private long nextSlot;
  private String exhaustedBy;

  private RequestBudget(Builder b) {
    this.maxRequests = b.maxRequests;
    this.maxBytes = b.maxBytes;
    this.maxDurationNanos = b.maxDuration.toNanos();
    this.intervalNanos = b.maxRate == 0 ? 0 : (long) (1_000_000_000d / b.maxRate);
    this.nanoTime = b.nanoTime;
    this.start = nanoTime.getAsLong();
    this.nextSlot = start;
  }

  /** No limit but a day of wall time. */
  public static RequestBudget unlimited() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes one request from the budget.
   *
   * @return how many nanoseconds the request must wait for its rate slot (0 when none)
   * @throws HttpFailure {@code BUDGET_EXHAUSTED} naming the limit reached
   */
  synchronized long acquire() throws HttpFailure {
    long now = nanoTime.getAsLong();
    if (exhaustedBy == null) {
      if (sent >= maxRequests) {
        exhaustedBy = "max requests " + maxRequests;
      } else if (bytes >= maxBytes) {
        exhaustedBy = "max bytes " + maxBytes;
      } else if (now - start >= maxDurationNanos) {
        exhaustedBy = "max duration " + Duration.ofNanos(maxDurationNanos);
      }
    }
    if (exhaustedBy != null) {
      throw new HttpFailure(HttpFailure.Kind.BUDGET_EXHAUSTED, "request budget exhausted: " + exhaustedBy
          + " reached after " + sent + " requests");
    }
    long slot = Math.max(now, nextSlot);
    nextSlot = slot + intervalNanos;
    sent++;
    return slot - now;
  }

  /**
   * Takes up to {@code wanted} requests from the budget at once, for a tool whose requests cannot be
   * counted one by one (it talks to the target directly): they count as sent from now on, whether
   * the tool uses them or not, so the budget holds whatever it does within them.
   *
   * @return how many were granted: {@code wanted}, or fewer (down to 0) when the budget has fewer left
   *     (none once its duration has passed)
   */
  public synchronized long reserve(long wanted) {
    if (wanted <= 0 || exhaustedBy != null || nanoTime.getAsLong() - start >= maxDurationNanos) {
      return 0;
    }
    long granted = Math.min(wanted, Math.max(0, maxRequests - sent));
    sent += granted;
    return granted;
  }

  /** Requests still allowed by the request limit ({@code Long.MAX_VALUE - sent} without one). */
  public synchronized long remainingRequests() {
    return Math.max(0, maxRequests - sent);
  }

  synchronized void recordBytes(long n) {
    bytes += n;
  }

  /** The counts so far. */
  public synchronized Snapshot snapshot() {
    boolean exhausted = exhaustedBy != null || sent >= maxRequests || bytes >= maxBytes
        || nanoTime.getAsLong() - start >= maxDurationNanos;
    return new Snapshot(sent, bytes, exhausted, exhaustedBy);
  }

  /** Builds a {@link RequestBudget}; not thread-safe. Every limit defaults to "none" (a day for time). */
  public static final class Builder {
    private long maxRequests = Long.MAX_VALUE;
    private long maxBytes = Long.MAX_VALUE;
    private Duration maxDuration = Duration.ofDays(1);
    private double maxRate;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder() {
    }

    /** At most {@code n} (1..) requests, redirect hops included. */
    public Builder withMaxRequests(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxRequests must be >= 1, got " + n);
      }
      this.maxRequests = n;
      return this;
    }

    /** At most {@code n} (1..) response body bytes after decompression. */
    public Builder withMaxBytes(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxBytes must be >= 1, got " + n);
      }
      this.maxBytes = n;
      return this;
    }

    /** No request starts later than {@code d} (1 ms..1 day) after the budget was built. */
    public Builder withMaxDuration(Duration d) {
      if (d == null || d.toMillis() < 1 || d.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("maxDuration must be 1 ms..1 day, got " + d);
      }
      this.maxDuration = d;
      return this;
    }

    /** At most {@code perSecond} (0 = unlimited, else 0.001..1e6) requests per second, paced evenly. */
    public Builder withMaxRate(double perSecond) {
      if (!(perSecond == 0 || (perSecond >= 0.001 && perSecond <= 1_000_000))) {
        throw new IllegalArgumentException("maxRate must be 0 or 0.001..1000000 per second, got " + perSecond);
      }
      this.maxRate = perSecond;
      return this;
    }

    /** The time source (tests pass a fake one); default {@link System#nanoTime()}. */
    public Builder withNanoTime(LongSupplier nanoTime) {
      this.nanoTime = java.util.Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    public RequestBudget build() {
      return new RequestBudget(this);
    }
  }
}
