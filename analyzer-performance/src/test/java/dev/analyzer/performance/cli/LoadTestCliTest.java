package dev.analyzer.performance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.performance.testing.TestHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CI entry point: its exit code says whether the thresholds held. */
class LoadTestCliTest {

  private static TestHttpServer app;

  @BeforeAll
  static void start() throws Exception {
    app = TestHttpServer.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static int run(ByteArrayOutputStream out, String... args) {
    return LoadTestCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void passingThresholdsExitZeroAndAFailingOneExitsOne() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int ok = run(out, "--url", app.url() + "/cli", "--rate", "100", "--duration", "1", "--warmup", "0",
        "--connections", "2", "--threshold", "error_rate < 1%", "--threshold", "p99 < 10s");
    assertThat(ok).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"thresholds_passed\" : true")
        .contains("\"latency_ms\"").contains("\"achieved_rate\"");

    int failed = run(new ByteArrayOutputStream(), "--url", app.url() + "/cli", "--duration", "0.5", "--warmup", "0",
        "--threshold", "rate >= 100000000");
    assertThat(failed).isEqualTo(1);
    assertThat(app.hits("/cli")).isPositive();
  }

  @Test
  void aBadThresholdOrARefusedTargetIsAUsageError() {
    assertThat(run(new ByteArrayOutputStream(), "--url", app.url(), "--threshold", "p95 < quick")).isEqualTo(2);
    assertThat(run(new ByteArrayOutputStream(), "--url", "http://10.9.8.7:80", "--duration", "1")).isEqualTo(2);
  }
}
