package dev.analyzer.manager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.manager.ExitCodes;
import dev.analyzer.queue.CancellationSignal;
import dev.analyzer.queue.ProgressSink;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueHandler;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.queue.QueueWorker;
import dev.analyzer.queue.testing.NatsServerExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyzer batch --queue} against a real {@code nats-server -js}: the batch is a real CLI
 * process, the worker side a {@link QueueWorker} in this JVM whose handler counts its runs per
 * request id. Skipped with the reason when nats-server is not installed.
 */
class QueuedBatchIT {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();

  @TempDir
  Path scratch;

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  /** Answers the first {@code free} requests at once, holds the others until {@link #release}; counts runs per id. */
  static final class GatedHandler implements QueueHandler {
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final List<String> startOrder = new CopyOnWriteArrayList<>();
    final List<String> finishOrder = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final int free;

    GatedHandler(int free) {
      this.free = free;
    }

    @Override
    public CompletableFuture<AnalysisResult> handle(AnalysisRequest r, ProgressSink progress, CancellationSignal cancel) {
      runs.computeIfAbsent(r.id(), k -> new AtomicInteger()).incrementAndGet();
      startOrder.add(r.id());
      boolean held = started.incrementAndGet() > free;
      progress.send(dev.analyzer.core.protocol.ProgressUpdate.of(r.id(), "test-worker", "scan", "halfway there", 50.0,
          Instant.now()));
      return CompletableFuture.supplyAsync(() -> {
        if (held) {
          try {
            gate.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        finishOrder.add(r.id());
        return result(r);
      });
    }

    void release() {
      gate.countDown();
    }

    int started() {
      return started.get();
    }

    private static AnalysisResult result(AnalysisRequest r) {
      Finding f = Finding.builder("test-tool", "rule.one").withSeverity(Severity.MEDIUM).withTitle("a finding of " + r.id())
          .withLocation(Location.inFile("app.py", 1, 1)).build();
      Analysis a = Analysis.builder().forRequest(r).withStatus("success").withFindings(List.of(f)).build();
      return AnalysisResult.of(r, "test-worker", Instant.now(), ResultStatus.SUCCESS, a, null);
    }
  }

  private QueueWorker worker(String prefix, QueueHandler handler) {
    QueueSettings s = QueueSettings.builder(NATS.url()).withPrefix(prefix).build();
    QueueConnection c = QueueConnection.open(s, "test worker");
    closing.add(c);
    QueueWorker w = QueueWorker.builder(c).withKinds(EnumSet.allOf(AnalysisKind.class)).withMaxConcurrent(4)
        .withHandler(handler).build();
    closing.add(w);
    w.start();
    return w;
  }

  /** A process whose output is collected as it comes. */
  private static final class Running {
    final Process process;
    final StringBuffer out = new StringBuffer();

    Running(Process p) {
      this.process = p;
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l = r.readLine(); l != null; l = r.readLine()) {
            out.append(l).append('\n');
          }
        } catch (java.io.IOException ignored) {
          // the process was killed
        }
      }, "batch-output");
      t.setDaemon(true);
      t.start();
    }
  }

  @Test
  void theBatchSubmitterIsKilledAndResumedAndEveryEntryHasExactlyOneResult() throws Exception {
    String prefix = NatsServerExtension.uniquePrefix();
    GatedHandler handler = new GatedHandler(5);
    worker(prefix, handler);
    Cli cli = Cli.withoutServices(scratch).env(QueueSettings.PREFIX, prefix);
    Path src = Files.createDirectories(cli.state().resolve("apps/app"));
    Files.writeString(src.resolve("app.py"), "print('hi')\n");
    StringBuilder entries = new StringBuilder("[");
    int position = 0;
    for (String types : List.of("static", "static", "static", "static", "static", "static", "static,ai", "static,ai",
        "static,ai", "dynamic,performance", "dynamic,performance")) {
      position++;
      entries.append(position > 1 ? "," : "").append("{\"model\":\"m\",\"app\":").append(position)
          .append(",\"source\":\"apps/app\",\"urls\":[\"http://127.0.0.1:9/\"],\"types\":\"").append(types).append("\"}");
    }
    Path file = cli.state().resolve("batch.json");
    Files.writeString(file, entries.append("]").toString());
    int requests = 6 + 6 + 4;

    Running first = new Running(cli.launch("batch", file.toString(), "--queue", NATS.url()));
    closing.add(() -> first.process.destroyForcibly());
    // mid-batch: 5 results in and collected, 4 analyses held by the worker, the rest queued or not yet published
    await().atMost(Duration.ofSeconds(60)).until(() -> first.out.toString().contains("[5/" + requests + "]")
        && handler.started() == 9);
    Matcher m = Pattern.compile("(?m)^batch (\\S+): 11 apps, \\d+ analyses to queue").matcher(first.out);
    assertThat(m.find()).as(first.out.toString()).isTrue();
    String id = m.group(1);
    assertThat(first.out.toString()).contains("resume with: analyzer batch --resume " + id);

    first.process.destroyForcibly();
    assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    System.out.println("--- the batch until kill -9:\n" + first.out);
    assertThat(first.process.exitValue()).as("killed with SIGKILL").isEqualTo(137);
    assertThat(first.out.toString()).doesNotContain("apps: ")
        .containsPattern("(?m)^  #\\d+ m/app\\d+ (static|ai|dynamic|performance): 50% halfway there$");
    handler.release();

    Cli.Run resumed = cli.run("batch", "--resume", id);
    System.out.println("--- the resumed batch:\n" + resumed.out());

    assertThat(resumed.exit()).as(resumed.out()).isEqualTo(ExitCodes.OK);
    assertThat(resumed.out()).contains("resuming batch " + id, "11 apps: 11 analyzed, 0 failed or incomplete");
    long doneBefore = Pattern.compile("(?m)^#\\d+ m/app\\d+: completed").matcher(first.out).results().count();
    if (doneBefore > 0) {
      assertThat(resumed.out()).contains(doneBefore + " of 11 entries were finished before");
    }
    assertThat(handler.runs).as("every request ran").hasSize(requests);
    assertThat(handler.runs).allSatisfy((rid, n) -> {
      assertThat(rid).startsWith(id + "-");
      assertThat(n.get()).as("runs of %s", rid).isEqualTo(1);
    });
    for (int e : List.of(10, 11)) {
      assertThat(handler.startOrder.indexOf(id + "-" + e + "-performance"))
          .as("the load test of entry %d started after its probe finished", e)
          .isGreaterThan(handler.startOrder.indexOf(id + "-" + e + "-dynamic"));
      assertThat(handler.finishOrder).contains(id + "-" + e + "-dynamic");
    }
    Path results = cli.state().resolve("results");
    JsonNode summary = new ObjectMapper().readTree(results.resolve("batch/batch_analysis_" + id + ".json").toFile());
    assertThat(summary.get("total_apps").asInt()).isEqualTo(11);
    for (int e = 1; e <= 11; e++) {
      JsonNode row = summary.at("/results/m~1app" + e + "#" + e);
      assertThat(row.get("status").asText()).as("entry %d", e).isEqualTo("completed");
      assertThat(row.get("findings").asInt()).as("entry %d", e).isEqualTo(1);
      try (Stream<Path> tasks = Files.list(results.resolve("m/app" + e))) {
        List<Path> dirs = tasks.toList();
        assertThat(dirs).as("one report per entry, not one per run").hasSize(1);
        assertThat(dirs.get(0).toString()).isEqualTo(row.get("results_dir").asText());
        assertThat(dirs.get(0).resolve("manifest.json")).isRegularFile();
        assertThat(dirs.get(0).resolve("report.html")).isRegularFile();
        try (Stream<Path> services = Files.list(dirs.get(0).resolve("services"))) {
          assertThat(services.count()).isEqualTo(e <= 6 ? 1 : 2);
        }
      }
    }
    assertThat(results.resolve("batch/batch_analysis_" + id + ".html")).isRegularFile();
    List<String> journal = Files.readAllLines(results.resolve("batch/" + id + "/journal.jsonl"));
    assertThat(journal.stream().filter(l -> l.startsWith("{\"done\":")).count()).as("every entry done once").isEqualTo(11);
  }

  @Test
  void anUnreachableQueueAnUnknownBatchAndACorruptStateAreClearErrors() throws Exception {
    Cli cli = Cli.withoutServices(scratch);
    Path file = cli.state().resolve("batch.json");
    Files.writeString(file, "[{\"model\":\"m\",\"app\":1,\"urls\":[\"http://127.0.0.1:9/\"],\"types\":\"dynamic\"}]");
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }

    Cli.Run unreachable = cli.run("batch", file.toString(), "--queue", "nats://alice:s3cret@127.0.0.1:" + closed);

    assertThat(unreachable.exit()).as(unreachable.out()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(unreachable.out()).contains("error: cannot use the queue at nats://127.0.0.1:" + closed)
        .doesNotContain("s3cret").doesNotContain("alice");
    assertThat(cli.state().resolve("results/batch")).as("nothing planned when the queue is unreachable").doesNotExist();

    Cli.Run unknown = cli.run("batch", "--resume", "20261202-074512-000000");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.out()).contains("error: no batch 20261202-074512-000000 under " + cli.state().resolve("results/batch"));

    Path state = Files.createDirectories(cli.state().resolve("results/batch/20261202-074512-aaaaaa")).resolve("state.json");
    Files.writeString(state, "{\"version\": 1, \"batch_id\": \"20261202-07");
    Cli.Run corrupt = cli.run("batch", "--resume", "20261202-074512-aaaaaa", "--queue", NATS.url());
    assertThat(corrupt.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(corrupt.out()).contains("error: batch state " + state + " is corrupt: it is not valid JSON");
  }

  @Test
  void queueStatusCountsPerKindAndDeadLettersListTheirReasons() throws Exception {
    String prefix = NatsServerExtension.uniquePrefix();
    QueueSettings s = QueueSettings.builder(NATS.url()).withPrefix(prefix).withMaxDeliver(2)
        .withNakDelay(Duration.ZERO).build();
    QueueConnection c = QueueConnection.open(s, "test");
    closing.add(c);
    dev.analyzer.queue.QueueSubmitter submitter = dev.analyzer.queue.QueueSubmitter.create(c);
    closing.add(submitter);
    for (int i = 0; i < 3; i++) {
      submitter.submit(AnalysisRequest.builder(AnalysisKind.AI).withSourcePath("/apps/m/app" + i).build());
    }
    AnalysisRequest poison = AnalysisRequest.builder(AnalysisKind.STATIC).withSourcePath("/apps/poison").build();
    submitter.submit(poison);
    QueueWorker w = QueueWorker.builder(c).withKind(AnalysisKind.STATIC).withHandler((r, p, cancel) -> {
      throw new IllegalStateException("this request always breaks the handler");
    }).build();
    closing.add(w);
    w.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> submitter.findResult(poison.id()).isPresent());
    Cli cli = Cli.withoutServices(scratch).env(QueueSettings.PREFIX, prefix).env(QueueSettings.URL, NATS.url());

    Cli.Run table = cli.run("queue", "status");
    Cli.Run json = cli.run("queue", "status", "--json");
    Cli.Run dead = cli.run("queue", "dead-letters", "static");

    assertThat(table.exit()).as(table.out()).isZero();
    assertThat(table.out()).containsPattern("(?m)^kind\\s+pending\\s+in flight\\s+redelivered\\s+dead-lettered")
        .containsPattern("(?m)^static\\s+0\\s+0\\s+0\\s+1\\s*$").containsPattern("(?m)^ai\\s+3\\s+0\\s+0\\s+0\\s*$");
    JsonNode kinds = new ObjectMapper().readTree(json.out()).get("kinds");
    assertThat(kinds.get(3).get("kind").asText()).isEqualTo("ai");
    assertThat(kinds.get(3).get("pending").asInt()).isEqualTo(3);
    assertThat(kinds.get(0).get("dead_lettered").asInt()).isEqualTo(1);
    assertThat(dead.exit()).as(dead.out()).isZero();
    assertThat(dead.out()).contains(poison.id(), "2 deliveries", "this request always breaks the handler",
        "1 dead letters for static");
  }

  @Test
  void aResumeAfterAKillBeforeTheFirstPublishOrBeforeTheJournalRepeatsNothing() throws Exception {
    String prefix = NatsServerExtension.uniquePrefix();
    Cli cli = Cli.withoutServices(scratch).env(QueueSettings.PREFIX, prefix);
    Path src = Files.createDirectories(cli.state().resolve("apps/app"));
    String id = "20261202-080000-abcdef";
    dev.analyzer.core.protocol.ProtocolCodec codec = dev.analyzer.core.protocol.ProtocolCodec.create();
    List<AnalysisRequest> requests = new ArrayList<>();
    List<dev.analyzer.manager.batch.BatchState.Entry> entries = new ArrayList<>();
    for (int e = 1; e <= 4; e++) {
      AnalysisRequest r = AnalysisRequest.builder(AnalysisKind.STATIC).withId(id + "-" + e + "-static").withModelSlug("m")
          .withAppNumber(e).withSourcePath(src.toString()).withTimestamp(Instant.parse("2026-12-02T08:00:00Z")).build();
      requests.add(r);
      entries.add(new dev.analyzer.manager.batch.BatchState.Entry(e, "m", e, src.toString(), List.of(), List.of(), null,
          false, List.of("static"), List.of(), List.of(new dev.analyzer.manager.batch.BatchState.Queued("static", r.id(),
              null, codec.encode(r)))));
    }
    // what a batch killed between its state and its journal leaves: the state, an empty journal, and of its
    // requests two published and done, one published and still queued, one never published
    dev.analyzer.manager.batch.BatchStore.create(cli.state().resolve("results"), new dev.analyzer.manager.batch.BatchState(
        id, Instant.parse("2026-12-02T08:00:00Z"), "batch.json", NATS.url(), prefix, entries)).close();
    GatedHandler handler = new GatedHandler(Integer.MAX_VALUE);
    QueueSettings s = QueueSettings.builder(NATS.url()).withPrefix(prefix).build();
    QueueConnection c = QueueConnection.open(s, "earlier batch");
    closing.add(c);
    dev.analyzer.queue.QueueSubmitter submitter = dev.analyzer.queue.QueueSubmitter.create(c);
    closing.add(submitter);
    submitter.submit(requests.get(0));
    submitter.submit(requests.get(1));
    QueueWorker early = worker(prefix, handler);
    await().atMost(Duration.ofSeconds(30)).until(() -> submitter.findResult(requests.get(1).id()).isPresent()
        && submitter.findResult(requests.get(0).id()).isPresent());
    early.close();
    submitter.submit(requests.get(2));

    Running resumed = new Running(cli.launch("batch", "--resume", id));
    closing.add(() -> resumed.process.destroyForcibly());
    await().atMost(Duration.ofSeconds(60)).until(() -> resumed.out.toString().contains("waiting for 4 results"));
    worker(prefix, handler);

    assertThat(resumed.process.waitFor(60, TimeUnit.SECONDS)).as(resumed.out.toString()).isTrue();
    System.out.println("--- the resumed batch:\n" + resumed.out);
    assertThat(resumed.process.exitValue()).as(resumed.out.toString()).isZero();
    assertThat(resumed.out.toString()).contains(
        "2 requests queued now (1 of them were queued already: the copy was dropped), 2 queued before;", "4 apps: 4 analyzed");
    assertThat(handler.runs).hasSize(4).allSatisfy((rid, n) -> assertThat(n.get()).as("runs of %s", rid).isEqualTo(1));
  }

  @Test
  void aQueuedBatchIsAnalyzedByTheRealStaticServiceInQueueMode() throws Exception {
    String prefix = NatsServerExtension.uniquePrefix();
    Cli cli = Cli.withStaticOnly(scratch).env(QueueSettings.URL, NATS.url()).env(QueueSettings.PREFIX, prefix);
    // the service the CLI starts inherits ANALYZER_QUEUE_URL: it also takes static analyses from the queue
    Cli.Run start = cli.run("start", "static", "--any-port");
    assertThat(start.exit()).as(start.out()).isZero();
    try {
      Path sample = cli.sampleApp();
      Path file = cli.state().resolve("batch.json");
      Files.writeString(file, "[{\"model\":\"q\",\"app\":1,\"source\":\"" + sample + "\",\"types\":\"static\","
          + "\"tools\":\"secrets\"},{\"model\":\"q\",\"app\":2,\"source\":\"" + sample + "\",\"types\":\"static\","
          + "\"tools\":\"secrets\"}]");

      Cli.Run run = cli.run("batch", file.toString());

      System.out.println("--- the batch through the static service:\n" + run.out());
      assertThat(run.exit()).as(run.out()).isZero();
      assertThat(run.out()).contains("analyses to queue on " + NATS.url(), "2 apps: 2 analyzed, 0 failed");
      for (int app = 1; app <= 2; app++) {
        try (Stream<Path> tasks = Files.list(cli.state().resolve("results/q/app" + app))) {
          Path task = tasks.findFirst().orElseThrow();
          JsonNode reply = new ObjectMapper().readTree(task.resolve("services/q_app" + app + "_static.json").toFile());
          assertThat(reply.at("/results/service").asText()).isEqualTo("static-analyzer");
          assertThat(reply.at("/results/status").asText()).isEqualTo("success");
          assertThat(reply.at("/results/analysis/findings").size()).as("the sample app's secrets").isPositive();
        }
      }
    } finally {
      cli.run("stop");
    }
  }
}
