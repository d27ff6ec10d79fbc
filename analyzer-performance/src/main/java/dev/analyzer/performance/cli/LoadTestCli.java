package dev.analyzer.performance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.http.target.HostResolver;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.http.target.TargetRefusedException;
import dev.analyzer.performance.generator.LoadGenerator;
import dev.analyzer.performance.generator.LoadPlan;
import dev.analyzer.performance.generator.LoadResult;
import dev.analyzer.performance.generator.Scenario;
import dev.analyzer.performance.thresholds.ThresholdVerdict;
import dev.analyzer.performance.thresholds.Thresholds;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The built-in generator from a shell or CI job, without the service:
 * {@code java -cp analyzer-performance.jar dev.analyzer.performance.cli.LoadTestCli --url URL
 * [--rate R | --connections N] --duration 30s --threshold 'p95 < 200ms'}. Prints the {@code load}
 * section as JSON with the verdicts. Exit codes: 0 all thresholds passed, 1 one failed, 2 a usage
 * error or a refused target, 3 the run failed. The target policy is the service's
 * ({@code ANALYZER_ALLOWED_TARGETS}; loopback only by default).
 */
@Command(name = "load-test", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Load-tests one URL with the built-in generator and checks thresholds.")
public final class LoadTestCli implements Callable<Integer> {

  @Option(names = "--url", required = true, description = "Target URL; its path is the request path.")
  String url;

  @Option(names = "--rate", description = "Open model at this many requests/s (default: closed model).")
  Double rate;

  @Option(names = "--connections", defaultValue = "10", description = "Connections (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--duration", defaultValue = "10", description = "Measured seconds (default ${DEFAULT-VALUE}).")
  double duration;

  @Option(names = "--warmup", defaultValue = "2", description = "Warm-up seconds, not measured (default ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--io-threads", defaultValue = "1", description = "Generator event-loop threads (default ${DEFAULT-VALUE}).")
  int ioThreads;

  @Option(names = "--threshold", description = "A threshold such as 'p95 < 200ms'; repeatable.")
  List<String> thresholds = new ArrayList<>();

  private final PrintStream out;

  LoadTestCli(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "dev/analyzer/performance/cli/cli-logback.xml");
    }
    System.exit(execute(args, System.out));
  }

  /** Runs the command and returns its exit code. */
  public static int execute(String[] args, PrintStream out) {
    CommandLine cli = new CommandLine(new LoadTestCli(out));
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("error: " + ex.getMessage());
      return ex instanceof IllegalArgumentException ? 2 : 3;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    Thresholds checks = Thresholds.parse(thresholds);
    Target parsed = Target.parse(url);
    ResolvedTarget target;
    try {
      target = TargetPolicy.fromEnvironment(Environment.system(), HostResolver.system())
          .check(new Target(parsed.scheme(), parsed.host(), parsed.port(), ""));
    } catch (TargetRefusedException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Duration measured = Duration.ofMillis((long) (duration * 1000));
    LoadPlan.Builder b = rate == null ? LoadPlan.closed(connections, measured) : LoadPlan.open(rate, measured);
    LoadPlan plan = b.withConnections(connections).withWarmup(Duration.ofMillis((long) (warmup * 1000)))
        .withIoThreads(ioThreads).withScenario(Scenario.get(parsed.basePath().isEmpty() ? "/" : parsed.basePath()))
        .build();
    LoadResult r = LoadGenerator.run(target, plan);
    List<ThresholdVerdict> verdicts = checks.evaluate(r);
    Map<String, Object> report = new LinkedHashMap<>(r.toMap());
    List<Object> v = new ArrayList<>();
    verdicts.forEach(x -> v.add(x.toMap()));
    report.put("thresholds", v);
    boolean passed = verdicts.stream().allMatch(ThresholdVerdict::passed);
    report.put("thresholds_passed", passed);
    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    for (ThresholdVerdict x : verdicts) {
      if (!x.passed()) {
        System.err.printf(Locale.ROOT, "threshold failed: %s (actual %s)%n", x.threshold(), x.toMap().get("actual"));
      }
    }
    return passed ? 0 : 1;
  }
}
