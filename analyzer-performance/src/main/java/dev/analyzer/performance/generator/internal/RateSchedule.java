package dev.analyzer.performance.generator.internal;

import dev.analyzer.performance.generator.LoadPlan;
import dev.analyzer.performance.generator.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * When each request of an open-model plan is due: the warm-up at the plan's initial rate, then the
 * constant rate or the stages' linear ramps. Request {@code i} is due when the integral of the rate
 * reaches {@code i}, so request 0 leaves at once and a constant rate {@code r} sends request
 * {@code i} at {@code i / r} seconds. Pure and immutable; thread-safe.
 */
public final class RateSchedule {

  /** Returned by {@link #dueNanos(long)} for an index past the plan's end. */
  public static final long NEVER = Long.MAX_VALUE;

  private record Segment(double startSeconds, double seconds, double fromRate, double toRate, double startCount,
      double count) {
  }

  private final List<Segment> segments;
  private final long total;

  private RateSchedule(List<Segment> segments) {
    this.segments = List.copyOf(segments);
    Segment last = segments.get(segments.size() - 1);
    this.total = (long) Math.floor(last.startCount + last.count + 1e-9);
  }

  /** The schedule of {@code plan} (open model), warm-up first. */
  public static RateSchedule of(LoadPlan plan) {
    List<Segment> out = new ArrayList<>();
    double t = 0;
    double n = 0;
    double w = plan.warmup().toNanos() / 1e9;
    if (w > 0) {
      double r = plan.initialRate();
      out.add(new Segment(t, w, r, r, n, r * w));
      t += w;
      n += r * w;
    }
    if (plan.stages().isEmpty()) {
      double d = plan.duration().toNanos() / 1e9;
      if (out.isEmpty()) {
        out.add(new Segment(t, d, plan.rate(), plan.rate(), n, plan.rate() * d));
      } else {
        // warm-up and measured part at the same constant rate: one segment, so the due-time
        // computation takes the same path before and after the measured part begins
        double r = plan.rate();
        out.set(0, new Segment(0, t + d, r, r, 0, r * (t + d)));
      }
    } else {
      double from = 0;
      for (Stage s : plan.stages()) {
        double d = s.duration().toNanos() / 1e9;
        double c = d * (from + s.targetRate()) / 2;
        out.add(new Segment(t, d, from, s.targetRate(), n, c));
        t += d;
        n += c;
        from = s.targetRate();
      }
    }
    return new RateSchedule(out);
  }

  /** How many requests the plan sends, warm-up included. */
  public long totalRequests() {
    return total;
  }

  /** How many requests are due at or after {@code nanos} from the start. */
  public long countFrom(long nanos) {
    long lo = 0;
    long hi = total;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (dueNanos(mid) < nanos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return total - lo;
  }

  /** Nanoseconds after the start at which request {@code i} is due, or {@link #NEVER}. */
  public long dueNanos(long i) {
    if (i < 0 || i >= total) {
      return NEVER;
    }
    for (Segment s : segments) {
      if (i < s.startCount + s.count || s == segments.get(segments.size() - 1)) {
        double k = Math.max(0, i - s.startCount);
        double tau = offset(s, k);
        return (long) ((s.startSeconds + Math.min(tau, s.seconds)) * 1e9);
      }
    }
    return NEVER;
  }

  private static double offset(Segment s, double k) {
    double a = (s.toRate - s.fromRate) / (2 * s.seconds);
    double b = s.fromRate;
    if (Math.abs(a) < 1e-12) {
      return b == 0 ? s.seconds : k / b;
    }
    double disc = b * b + 4 * a * k;
    return (-b + Math.sqrt(Math.max(0, disc))) / (2 * a);
  }
}
