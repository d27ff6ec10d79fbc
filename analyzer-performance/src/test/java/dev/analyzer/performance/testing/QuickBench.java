package dev.analyzer.performance.testing;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.performance.generator.LoadGenerator;
import dev.analyzer.performance.generator.LoadPlan;
import dev.analyzer.performance.generator.LoadResult;
import dev.analyzer.performance.generator.Scenario;
import java.time.Duration;

/** A hand-run probe of the generator against a URL (not a test): {@code QuickBench url closed|open conns seconds [rate]}. */
public final class QuickBench {

  private QuickBench() {
  }

  public static void main(String[] args) throws Exception {
    Target t = Target.parse(args[0]);
    ResolvedTarget rt = TargetPolicy.loopbackOnly().check(new Target(t.scheme(), t.host(), t.port(), ""));
    String path = t.basePath().isEmpty() ? "/" : t.basePath();
    int conns = Integer.parseInt(args[2]);
    int secs = Integer.parseInt(args[3]);
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 1;
    for (int r = 0; r < rounds; r++) {
      LoadPlan.Builder b = args[1].equals("open")
          ? LoadPlan.open(Double.parseDouble(args[4]), Duration.ofSeconds(secs))
          : LoadPlan.closed(conns, Duration.ofSeconds(secs));
      if (args.length > 6) {
        b.withScheduleSpin(Duration.ofNanos(Long.parseLong(args[6]) * 1000));
      }
      LoadPlan plan = b.withConnections(conns).withWarmup(Duration.ofSeconds(3)).withScenario(Scenario.get(path)).build();
      LoadResult res = LoadGenerator.start(rt, plan, p -> System.err.println("progress " + p)).await(Duration.ofSeconds(120));
      System.out.printf("rate %.0f/s (target %s) requests %d errors %s p50 %.3f p99 %.3f p99.9 %.3f max %.3f | uncorr p50 %.3f p99 %.3f | lag p50 %.3f p99 %.3f late %d dropped %d | %s%n",
          res.achievedRate(), res.targetRate(), res.requests(), res.errors().toMap(), res.latency().p50(), res.latency().p99(),
          res.latency().p99_9(), res.latency().max(), res.latencyUncorrected().p50(), res.latencyUncorrected().p99(),
          res.scheduleLag().p50(), res.scheduleLag().p99(), res.late(), res.dropped(), res.bottleneck());
    }
  }
}
