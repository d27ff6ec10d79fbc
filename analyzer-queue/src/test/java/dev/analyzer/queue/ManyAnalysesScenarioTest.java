package dev.analyzer.queue;

import static dev.analyzer.queue.QueueTestSupport.request;
import static dev.analyzer.queue.QueueTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.testing.NatsServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 1,000 analyses over three worker processes: none lost, none run or answered twice. */
class ManyAnalysesScenarioTest {

  private static final Logger LOG = LoggerFactory.getLogger(ManyAnalysesScenarioTest.class);
  private static final int ANALYSES = 1000;

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();

  @TempDir
  Path dir;

  @Test
  void aThousandAnalysesOverThreeWorkerProcessesAreNeitherLostNorDuplicated() throws Exception {
    QueueSettings s = settings(NATS.url()).withAckWait(Duration.ofSeconds(30)).build();
    List<WorkerProcess> workers = new ArrayList<>();
    try (QueueConnection c = QueueConnection.open(s, "batch"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      for (int i = 0; i < 3; i++) {
        workers.add(WorkerProcess.start(s, AnalysisKind.STATIC, "echo", 8, dir));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> workers.stream().allMatch(WorkerProcess::ready));
      List<AnalysisRequest> requests = new ArrayList<>();
      for (int i = 0; i < ANALYSES; i++) {
        requests.add(request(AnalysisKind.STATIC));
      }
      long t0 = System.nanoTime();
      List<CompletableFuture<AnalysisResult>> results = new ArrayList<>();
      List<CompletableFuture<SubmitReceipt>> receipts = new ArrayList<>();
      for (AnalysisRequest r : requests) {
        results.add(submitter.awaitResult(r.id()));
        receipts.add(submitter.submitAsync(r));
      }
      for (CompletableFuture<SubmitReceipt> receipt : receipts) {
        assertThat(receipt.get(60, TimeUnit.SECONDS).duplicate()).isFalse();
      }
      LOG.info("submitted in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      LOG.info("{} analyses over 3 worker processes in {} ms ({} per second)", ANALYSES, ms, ANALYSES * 1000L / Math.max(1, ms));

      for (int i = 0; i < ANALYSES; i++) {
        AnalysisResult r = results.get(i).get();
        assertThat(r.correlationId()).isEqualTo(requests.get(i).id());
        assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
      }
      assertThat(c.management().getStreamInfo(c.names().resultsStream()).getStreamState().getMsgCount())
          .as("one stored result per request").isEqualTo(ANALYSES);
      List<String> runs = workers.stream().flatMap(w -> w.started().stream()).collect(Collectors.toList());
      Map<String, Long> perId = runs.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      Set<String> ids = requests.stream().map(AnalysisRequest::id).collect(Collectors.toCollection(HashSet::new));
      assertThat(perId.keySet()).as("0 lost").isEqualTo(ids);
      assertThat(perId.values()).as("0 duplicates").allMatch(n -> n == 1);
      LOG.info("per worker: {}", workers.stream().map(w -> w.started().size()).collect(Collectors.toList()));
      await().atMost(Duration.ofSeconds(10)).until(() -> c.management()
          .getStreamInfo(c.names().requestStream(AnalysisKind.STATIC)).getStreamState().getMsgCount() == 0);
    } finally {
      for (WorkerProcess w : workers) {
        w.close();
      }
    }
  }
}
