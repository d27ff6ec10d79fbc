package dev.analyzer.manager.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.manager.batch.BatchState;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.services.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queued batch's plan: deterministic ids, fixed frames, the load test after the probe, a missing source settled. */
class QueuedBatchPlanTest {

  private static final Instant NOW = Instant.parse("2026-12-02T07:45:12Z");

  @TempDir
  Path dir;

  private static ServiceSpec spec(String name) {
    return ServiceSpec.named(name).orElseThrow();
  }

  @Test
  void everyRequestHasTheIdOfItsBatchEntryAndServiceAndTheLoadTestWaitsForTheProbe() {
    AnalyzeOptions web = new AnalyzeOptions(null, List.of("http://127.0.0.1:5055"),
        List.of(spec("dynamic"), spec("performance")), "m", 4, List.of(), Duration.ofSeconds(300), null, true, null);
    AnalyzeOptions src = new AnalyzeOptions(dir, List.of(), List.of(spec("static")), "m", 1, List.of("secrets"), null, null);

    BatchState s = QueuedBatchPlan.plan("20261202-074512-3fa9c1", NOW, dir.resolve("apps.json"), "nats://h:4222",
        "analyzer", List.of(src, web));

    assertThat(s.entries().get(0).requests()).extracting(BatchState.Queued::id)
        .containsExactly("20261202-074512-3fa9c1-1-static");
    assertThat(s.entries().get(1).requests()).extracting(BatchState.Queued::id, BatchState.Queued::after).containsExactly(
        org.assertj.core.groups.Tuple.tuple("20261202-074512-3fa9c1-2-dynamic", null),
        org.assertj.core.groups.Tuple.tuple("20261202-074512-3fa9c1-2-performance", "20261202-074512-3fa9c1-2-dynamic"));
    AnalysisRequest r = (AnalysisRequest) ProtocolCodec.create().decode(s.entries().get(0).requests().get(0).request());
    assertThat(r.id()).isEqualTo("20261202-074512-3fa9c1-1-static");
    assertThat(r.timestamp()).isEqualTo(NOW);
    assertThat(r.tools()).containsExactly("secrets");
    assertThat(r.sourcePath()).isEqualTo(dir.toAbsolutePath().normalize().toString());
    assertThat(QueuedBatchPlan.options(s.entries().get(1))).isEqualTo(web.withUrls(web.urls()));
  }

  @Test
  void aServiceThatReadsAMissingSourceIsSettledAsRefusedAndNeverQueued() {
    Path missing = dir.resolve("nope");
    AnalyzeOptions o = new AnalyzeOptions(missing, List.of("http://127.0.0.1:1"), List.of(spec("static"), spec("dynamic")),
        "m", 2, List.of(), null, null);

    BatchState.Entry e = QueuedBatchPlan.plan("b-1", NOW, dir.resolve("apps.json"), null, "analyzer", List.of(o))
        .entries().get(0);

    assertThat(e.settled()).containsExactly(new BatchState.Settled("static", "refused", "source " + missing
        + " does not exist"));
    assertThat(e.requests()).extracting(BatchState.Queued::service).containsExactly("dynamic");
  }

  @Test
  void aNewIdIsTheUtcTimeAndSixHexDigits() {
    assertThat(QueuedBatchPlan.newId(NOW)).matches("20261202-074512-[0-9a-f]{6}");
  }

  @Test
  void credentialsInAQueueUrlAreNeverShown() {
    assertThat(QueueAccess.redact("cannot connect to NATS at [nats://alice:s3cret@10.0.0.1:4222, tls://tok@h:4222]"))
        .isEqualTo("cannot connect to NATS at [nats://10.0.0.1:4222, tls://h:4222]");
  }
}
