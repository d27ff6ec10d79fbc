package dev.analyzer.performance.generator.internal;

import dev.analyzer.performance.generator.Bottleneck;
import java.util.Locale;

/** Decides where a run's limit was from the generator's CPU, the machine's and the schedule's misses. Stateless. */
final class BottleneckJudge {

  /** An I/O thread busier than this (% of a core) is taken as saturated. */
  static final double SATURATED = 85;
  /** Machine load (% of all cores) above which target and generator compete for the CPUs. */
  static final double MACHINE_SATURATED = 95;

  private BottleneckJudge() {
  }

  static Bottleneck judge(boolean open, double offered, double achieved, long sent, long late, long dropped,
      int connections, CpuMeter cpu) {
    double gen = cpu.busiestIoThreadPercent();
    double machine = cpu.machinePercent();
    String genText = String.format(Locale.ROOT, "the busiest generator I/O thread used %.0f%% of a core", gen);
    String verdict;
    String reason;
    double missed = sent + dropped == 0 ? 0 : (double) (late + dropped) / (sent + dropped);
    if (gen >= SATURATED) {
      verdict = "generator";
      reason = genText + ": the generator was saturated, so the figures may be its limit rather than the "
          + "target's (give it more io_threads or its own machine)";
    } else if (machine >= MACHINE_SATURATED) {
      verdict = "machine";
      reason = String.format(Locale.ROOT, "the machine's CPUs were %.0f%% busy while %s: target and generator "
          + "compete for the same cores, so the figures are those of the pair", machine, genText);
    } else if (open && (missed > 0.01 || achieved < offered * 0.99)) {
      verdict = "target";
      reason = String.format(Locale.ROOT, "the target did not keep up with the offered %.0f/s (achieved %.0f/s, "
          + "%d late, %d dropped with %d connections) while %s", offered, achieved, late, dropped, connections,
          genText);
    } else if (open) {
      verdict = "none";
      reason = String.format(Locale.ROOT, "the target served the offered %.0f/s on schedule while %s", offered,
          genText);
    } else {
      verdict = "target";
      reason = genText + ", below saturation: the throughput is the target's at " + connections + " connections";
    }
    long completed = Math.max(1, sent);
    double alloc = cpu.allocatedBytes() < 0 ? -1 : Math.round(10.0 * cpu.allocatedBytes() / completed) / 10.0;
    return new Bottleneck(verdict, reason, gen, cpu.processPercent(), machine, alloc);
  }
}
