package dev.analyzer.performance.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one load test does against one target, validated when built. Build one with
 * {@link #open(double, Duration)}, {@link #ramp(List)} or {@link #closed(int, Duration)}, then
 * {@link Builder} for the rest. Immutable.
 *
 * @param model open (arrival rate) or closed (connections back to back)
 * @param rate open model at a constant rate: requests per second; 0 with stages or for the closed model
 * @param stages open model ramps, or empty
 * @param duration the measured part (after the warm-up); for stages, their total
 * @param warmup run before the measured part and left out of every figure; default 2 s, 0..10 min
 * @param connections keep-alive connections; default 50, 1..100000
 * @param ioThreads event-loop threads of the generator; default 1, 1..64
 * @param thinkTime closed model: pause between an answer and the next request; default 0
 * @param requestTimeout an answer slower than this is a {@code timeout} error and its connection is
 *     replaced; an open-model request not sent within it of its due time is {@code dropped};
 *     default 10 s, 1 ms..10 min
 * @param lateAfter open model: a request sent this long after its due time counts as {@code late};
 *     default 5 ms, 1 µs..1 min
 * @param scenarios the weighted requests; at least one, at most 100
 * @param scheduleSpin open model: the pacer's timer is set this long before a due time and the
 *     rest is waited by spinning, so requests leave within microseconds of their due time instead
 *     of the timer's wake-up latency (tens of µs on a VM); the spin is not counted as generator
 *     load. 0 uses timers alone. Default 50 µs, 0..1 ms
 * @param answerSpin open model: after each send the event loop polls without blocking while
 *     requests are in flight, for at most this long, so an answer is timed when it arrives and not
 *     after the loop thread's wake-up (tens of µs on a VM, more than the answer itself on a fast
 *     target); the spin is not counted as generator load. 0 blocks in epoll between events.
 *     Default 1 ms, 0..10 ms
 */
public record LoadPlan(WorkloadModel model, double rate, List<Stage> stages, Duration duration, Duration warmup,
    int connections, int ioThreads, Duration thinkTime, Duration requestTimeout, Duration lateAfter,
    List<Scenario> scenarios, Duration scheduleSpin, Duration answerSpin) {

  public static final Duration MAX_DURATION = Duration.ofHours(24);

  public LoadPlan {
    if (model == null) {
      throw new IllegalArgumentException("load model must be open or closed, got null");
    }
    stages = stages == null ? List.of() : List.copyOf(stages);
    scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    if (model == WorkloadModel.OPEN) {
      if (stages.isEmpty() && !(rate > 0 && rate <= 10_000_000)) {
        throw new IllegalArgumentException("open model needs rate 0 < rate <= 10000000 requests/s or stages, got "
            + rate);
      }
      if (!stages.isEmpty()) {
        Duration total = Duration.ZERO;
        for (Stage s : stages) {
          total = total.plus(s.duration());
        }
        duration = total;
        if (stages.stream().allMatch(s -> s.targetRate() == 0)) {
          throw new IllegalArgumentException("open model stages must reach a target_rate above 0");
        }
      }
    } else {
      if (!stages.isEmpty()) {
        throw new IllegalArgumentException("stages apply to the open model only; the closed model takes connections");
      }
      rate = 0;
    }
    checkRange("duration", duration, Duration.ofMillis(1), MAX_DURATION);
    checkRange("warmup", warmup, Duration.ZERO, Duration.ofMinutes(10));
    checkRange("think_time", thinkTime, Duration.ZERO, Duration.ofMinutes(1));
    checkRange("timeout", requestTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
    checkRange("late_after", lateAfter, Duration.ofNanos(1000), Duration.ofMinutes(1));
    checkRange("schedule_spin", scheduleSpin, Duration.ZERO, Duration.ofMillis(1));
    checkRange("answer_spin", answerSpin, Duration.ZERO, Duration.ofMillis(10));
    if (connections < 1 || connections > 100_000) {
      throw new IllegalArgumentException("connections must be 1..100000, got " + connections);
    }
    if (ioThreads < 1 || ioThreads > 64) {
      throw new IllegalArgumentException("io_threads must be 1..64, got " + ioThreads);
    }
    if (scenarios.isEmpty() || scenarios.size() > 100) {
      throw new IllegalArgumentException("a load plan needs 1..100 scenarios, got " + scenarios.size());
    }
  }

  private static void checkRange(String name, Duration d, Duration min, Duration max) {
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + d);
    }
  }

  /** Open model at a constant {@code rate} requests/s for {@code duration}; GET / unless scenarios are set. */
  public static Builder open(double rate, Duration duration) {
    Builder b = new Builder(WorkloadModel.OPEN);
    b.rate = rate;
    b.duration = duration;
    return b;
  }

  /** Open model following {@code stages} (ramps from 0). */
  public static Builder ramp(List<Stage> stages) {
    Builder b = new Builder(WorkloadModel.OPEN);
    b.stages = List.copyOf(stages);
    b.duration = Duration.ofMillis(1);
    return b;
  }

  /** Closed model: {@code connections} back to back for {@code duration}. */
  public static Builder closed(int connections, Duration duration) {
    Builder b = new Builder(WorkloadModel.CLOSED);
    b.connections = connections;
    b.duration = duration;
    return b;
  }

  /** The rate at the start of the measured part (open model), for the warm-up. */
  public double initialRate() {
    return stages.isEmpty() ? rate : stages.get(0).targetRate();
  }

  /** Builds a {@link LoadPlan}; not thread-safe. */
  public static final class Builder {
    private final WorkloadModel model;
    private double rate;
    private List<Stage> stages = List.of();
    private Duration duration;
    private Duration warmup = Duration.ofSeconds(2);
    private int connections = 50;
    private int ioThreads = 1;
    private Duration thinkTime = Duration.ZERO;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration lateAfter = Duration.ofMillis(5);
    private final List<Scenario> scenarios = new ArrayList<>();
    private Duration scheduleSpin = Duration.ofNanos(50_000);
    private Duration answerSpin = Duration.ofMillis(1);

    private Builder(WorkloadModel model) {
      this.model = model;
    }

    public Builder withWarmup(Duration d) {
      this.warmup = d;
      return this;
    }

    public Builder withConnections(int n) {
      this.connections = n;
      return this;
    }

    public Builder withIoThreads(int n) {
      this.ioThreads = n;
      return this;
    }

    public Builder withThinkTime(Duration d) {
      this.thinkTime = d;
      return this;
    }

    public Builder withRequestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    public Builder withLateAfter(Duration d) {
      this.lateAfter = d;
      return this;
    }

    public Builder withScheduleSpin(Duration d) {
      this.scheduleSpin = d;
      return this;
    }

    public Builder withAnswerSpin(Duration d) {
      this.answerSpin = d;
      return this;
    }

    /** Adds a scenario; without any, the plan sends {@code GET /}. */
    public Builder withScenario(Scenario s) {
      this.scenarios.add(s);
      return this;
    }

    public Builder withScenarios(List<Scenario> list) {
      this.scenarios.addAll(list);
      return this;
    }

    /** @throws IllegalArgumentException naming the setting, its bound and the value */
    public LoadPlan build() {
      List<Scenario> s = scenarios.isEmpty() ? List.of(Scenario.get("/")) : scenarios;
      return new LoadPlan(model, rate, stages, duration, warmup, connections, ioThreads, thinkTime, requestTimeout,
          lateAfter, s, scheduleSpin, answerSpin);
    }
  }
}
