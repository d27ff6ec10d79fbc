package dev.analyzer.performance.thresholds;

import dev.analyzer.performance.generator.LoadResult;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One k6-style pass/fail criterion on a load result, such as {@code p95 < 200ms},
 * {@code error_rate < 1%} or {@code rate >= 500}. Metrics: latency percentiles {@code p50},
 * {@code p90}, {@code p95}, {@code p99}, {@code p99.9} (also written {@code p(95)}), {@code med},
 * {@code avg}, {@code max} (from {@code latency_ms}: corrected in the open model), in {@code ms}
 * (default), {@code s} or {@code us}; {@code error_rate} and {@code late_rate} as a fraction or with
 * {@code %}; {@code rate} (achieved requests/s); counts {@code errors}, {@code dropped},
 * {@code late}, {@code requests}. Operators: {@code < <= > >= == !=}. Immutable.
 *
 * @param source the expression as written
 * @param metric the metric's canonical name ({@code p95}, {@code error_rate}, ...)
 * @param operator one of {@code < <= > >= == !=}
 * @param limit the bound in the metric's unit (ms for latencies, a fraction for rates of errors)
 */
public record Threshold(String source, String metric, String operator, double limit) {

  private static final Pattern FORM = Pattern.compile(
      "\\s*([a-z_]+|p\\(?[0-9]+(?:\\.[0-9]+)?\\)?)\\s*(<=|>=|==|!=|<|>)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)"
          + "\\s*(ms|s|us|µs|%)?\\s*");
  private static final Pattern PERCENTILE = Pattern.compile("p\\(?([0-9]+(?:\\.[0-9]+)?)\\)?");

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong with it and what is accepted
   */
  public static Threshold parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("threshold must not be empty; write e.g. 'p95 < 200ms'");
    }
    Matcher m = FORM.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("threshold '" + text + "' is not '<metric> <op> <number>[unit]' "
          + "(e.g. 'p95 < 200ms', 'error_rate < 1%', 'rate >= 500'); operators < <= > >= == !=");
    }
    String metric = m.group(1);
    String unit = m.group(4);
    double value = Double.parseDouble(m.group(3));
    Matcher p = PERCENTILE.matcher(metric);
    if (p.matches()) {
      String pc = p.group(1);
      if (!pc.equals("50") && !pc.equals("90") && !pc.equals("95") && !pc.equals("99") && !pc.equals("99.9")) {
        throw new IllegalArgumentException("threshold '" + text + "': percentile must be p50, p90, p95, p99 or "
            + "p99.9, got p" + pc);
      }
      return new Threshold(text, "p" + pc, m.group(2), latency(text, value, unit));
    }
    switch (metric) {
      case "med", "avg", "max" -> {
        return new Threshold(text, metric, m.group(2), latency(text, value, unit));
      }
      case "error_rate", "late_rate" -> {
        if ("%".equals(unit)) {
          value /= 100;
        } else if (unit != null) {
          throw new IllegalArgumentException("threshold '" + text + "': " + metric + " takes a fraction or a %, got "
              + unit);
        }
        return new Threshold(text, metric, m.group(2), value);
      }
      case "rate", "errors", "dropped", "late", "requests" -> {
        if (unit != null) {
          throw new IllegalArgumentException("threshold '" + text + "': " + metric + " takes a plain number, got "
              + unit);
        }
        return new Threshold(text, metric, m.group(2), value);
      }
      default -> throw new IllegalArgumentException("threshold '" + text + "': unknown metric '" + metric
          + "'; known: p50, p90, p95, p99, p99.9, med, avg, max, error_rate, late_rate, rate, errors, dropped, "
          + "late, requests");
    }
  }

  private static double latency(String text, double value, String unit) {
    if (unit == null || unit.equals("ms")) {
      return value;
    }
    if (unit.equals("s")) {
      return value * 1000;
    }
    if (unit.equals("us") || unit.equals("µs")) {
      return value / 1000;
    }
    throw new IllegalArgumentException("threshold '" + text + "': a latency takes ms, s or us, got " + unit);
  }

  /** The value of this threshold's metric in {@code r}. */
  public double actual(LoadResult r) {
    return switch (metric) {
      case "p50", "med" -> r.latency().p50();
      case "p90" -> r.latency().p90();
      case "p95" -> r.latency().p95();
      case "p99" -> r.latency().p99();
      case "p99.9" -> r.latency().p99_9();
      case "avg" -> r.latency().mean();
      case "max" -> r.latency().max();
      case "error_rate" -> r.errorRate();
      case "late_rate" -> r.sent() == 0 ? 0 : (double) r.late() / r.sent();
      case "rate" -> r.achievedRate();
      case "errors" -> r.errors().total();
      case "dropped" -> r.dropped();
      case "late" -> r.late();
      case "requests" -> r.requests();
      default -> throw new IllegalStateException("unknown metric " + metric);
    };
  }

  /** Checks {@code r}. */
  public ThresholdVerdict evaluate(LoadResult r) {
    double a = actual(r);
    boolean ok = switch (operator) {
      case "<" -> a < limit;
      case "<=" -> a <= limit;
      case ">" -> a > limit;
      case ">=" -> a >= limit;
      case "==" -> a == limit;
      default -> a != limit;
    };
    return new ThresholdVerdict(source, metric, operator, limit, a, ok);
  }
}
