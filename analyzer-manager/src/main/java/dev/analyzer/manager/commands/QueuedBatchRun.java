package dev.analyzer.manager.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.manager.batch.BatchState;
import dev.analyzer.manager.batch.BatchStore;
import dev.analyzer.manager.report.Consolidated;
import dev.analyzer.manager.report.ResultsWriter;
import dev.analyzer.manager.run.AnalysisRun;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.ServiceOutcome;
import dev.analyzer.manager.services.ServiceSpec;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueSubmitter;
import dev.analyzer.queue.SubmitReceipt;
import io.nats.client.Dispatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a queued batch to its end, new or resumed: publishes every request the journal does not have
 * as published (a resume's re-publish has the same id: the stream drops it within its duplicate
 * window, a worker skips it when its result is stored), waits for the one result of every request,
 * writes each entry's report once all of its results are in (the layout of a live batch, in a task
 * folder named after the batch and the entry, so a rewrite after a resume replaces it), records
 * the entry as done, and ends with the batch summary.
 *
 * <p>Nothing is cancelled when the process stops: the analyses go on in the queue, and a resume
 * collects them. Results are handled on one thread of its own, in arrival order; {@link #run} is
 * called once.
 */
final class QueuedBatchRun {

  private static final DateTimeFormatter TASK = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Pending(BatchState.Entry entry, BatchState.Queued queued, AnalysisRequest request) {}

  private final BatchStore store;
  private final QueueConnection connection;
  private final QueueSubmitter submitter;
  private final Path results;
  private final PrintStream out;
  private final ExecutorService collector = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "batch-collector");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Pending> byId = new LinkedHashMap<>();
  private final Map<Integer, Map<String, ServiceOutcome>> outcomes = new HashMap<>();
  private final Map<Integer, CompletableFuture<BatchSummary.Row>> rows = new LinkedHashMap<>();
  /** The ids this run publishes or awaits: each once. */
  private final Set<String> awaiting = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> aborted = new CompletableFuture<>();
  private int expected;
  private int collected;

  QueuedBatchRun(BatchStore store, QueueConnection connection, QueueSubmitter submitter, Path results, PrintStream out) {
    this.store = store;
    this.connection = connection;
    this.submitter = submitter;
    this.results = results;
    this.out = out;
  }

  /**
   * Publishes, waits, writes, summarizes.
   *
   * @return the batch's exit code
   * @throws RuntimeException when the queue fails (the batch can be resumed)
   */
  int run() throws Exception {
    BatchState state = store.state();
    Set<String> published = store.published();
    List<Pending> toPublish = new ArrayList<>();
    List<Pending> toAwait = new ArrayList<>();
    for (BatchState.Entry e : state.entries()) {
      CompletableFuture<BatchSummary.Row> row = new CompletableFuture<>();
      rows.put(e.position(), row);
      if (store.done().containsKey(e.position())) {
        row.complete(BatchSummary.Row.fromJson(store.done().get(e.position())));
        continue;
      }
      Map<String, ServiceOutcome> mine = new LinkedHashMap<>();
      for (BatchState.Settled s : e.settled()) {
        mine.put(s.service(), new ServiceOutcome(ServiceSpec.named(s.service()).orElseThrow(), null, s.state(), s.detail(),
            Duration.ZERO));
      }
      outcomes.put(e.position(), mine);
      for (BatchState.Queued q : e.requests()) {
        Pending p = new Pending(e, q, (AnalysisRequest) CODEC.decode(q.request()));
        byId.put(q.id(), p);
        expected++;
        if (published.contains(q.id()) || (store.resumed() && submitter.findResult(q.id()).isPresent())) {
          toAwait.add(p);
        } else if (q.after() == null) {
          toPublish.add(p);
        }
      }
    }
    // before any result can arrive: a probe's result must not publish a load test that is queued or awaited already
    toPublish.forEach(p -> awaiting.add(p.queued().id()));
    toAwait.forEach(p -> awaiting.add(p.queued().id()));
    int done = state.entries().size() - outcomes.size();
    if (done > 0) {
      out.printf("%d of %d entries were finished before; %d results to collect%n", done, state.entries().size(), expected);
    }
    Map<String, String> names = new HashMap<>();
    byId.forEach((id, p) -> names.put(id, "#" + p.entry().position() + " " + p.entry().model() + "/app" + p.entry().app()
        + " " + p.queued().service()));
    Dispatcher progress = BatchProgress.listen(connection, names, out);
    try {
      int duplicates = publish(toPublish);
      int later = expected - toPublish.size() - toAwait.size();
      out.printf("%d requests queued now%s, %d queued before%s; waiting for %d results (Ctrl-C stops waiting; "
          + "resume with: analyzer batch --resume %s)%n", toPublish.size(),
          duplicates == 0 ? "" : " (" + duplicates + " of them were queued already: the copy was dropped)", toAwait.size(),
          later == 0 ? "" : ", " + later + " load tests queued once their probe is done", expected, state.batchId());
      toPublish.forEach(this::await);
      toAwait.forEach(this::await);
      for (Map.Entry<Integer, Map<String, ServiceOutcome>> e : outcomes.entrySet()) {
        BatchState.Entry entry = entry(e.getKey());
        if (entry.requests().isEmpty()) {
          collector.execute(() -> finishEntry(entry));
        }
      }
      CompletableFuture<Void> all = CompletableFuture.allOf(rows.values().toArray(CompletableFuture[]::new));
      try {
        CompletableFuture.anyOf(all, aborted).join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    } finally {
      connection.nats().closeDispatcher(progress);
      collector.shutdownNow();
    }
    List<BatchSummary.Row> list = new ArrayList<>();
    rows.values().forEach(f -> list.add(f.join()));
    return BatchSummary.finish(out, results, state.batchId(), state.createdAt(), list);
  }

  /**
   * Publishes {@code pending} pipelined; journals what the stream confirmed, then fails if something was not.
   *
   * @return how many the stream had already (dropped as duplicates)
   */
  private int publish(List<Pending> pending) throws IOException {
    List<CompletableFuture<SubmitReceipt>> acks = new ArrayList<>();
    for (Pending p : pending) {
      acks.add(submitter.submitAsync(p.request()));
    }
    List<String> confirmed = new ArrayList<>();
    int duplicates = 0;
    RuntimeException failure = null;
    for (CompletableFuture<SubmitReceipt> f : acks) {
      try {
        SubmitReceipt receipt = f.join();
        confirmed.add(receipt.id());
        duplicates += receipt.duplicate() ? 1 : 0;
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    store.journal().published(confirmed);
    if (failure != null) {
      Throwable cause = failure.getCause() == null ? failure : failure.getCause();
      throw QueueAccess.failure((pending.size() - confirmed.size()) + " of " + pending.size()
          + " requests could not be queued (resume with analyzer batch --resume " + store.state().batchId() + ")",
          cause instanceof RuntimeException r ? r : failure);
    }
    return duplicates;
  }

  private void await(Pending p) {
    submitter.awaitResult(p.queued().id()).whenCompleteAsync((result, failure) -> {
      if (failure != null) {
        abort(QueueAccess.failure("lost the queue while waiting for " + p.queued().id() + " (resume with analyzer batch "
            + "--resume " + store.state().batchId() + ")", failure instanceof RuntimeException r ? r
            : new IllegalStateException(failure)));
      } else {
        onResult(p, result);
      }
    }, collector);
  }

  private void onResult(Pending p, AnalysisResult result) {
    try {
      ServiceSpec spec = ServiceSpec.named(p.queued().service()).orElseThrow();
      Instant sent = p.request().timestamp();
      Duration took = sent == null || result.timestamp() == null || result.timestamp().isBefore(sent) ? Duration.ZERO
          : Duration.between(sent, result.timestamp());
      ServiceOutcome o = ServiceOutcome.of(spec, result, took);
      Map<String, ServiceOutcome> mine = outcomes.get(p.entry().position());
      if (mine.putIfAbsent(spec.name(), o) != null) {
        return;
      }
      collected++;
      out.printf("[%d/%d] #%d %s/app%d %s: %s: %s%n", collected, expected, p.entry().position(), p.entry().model(),
          p.entry().app(), spec.name(), o.state(), o.detail());
      for (BatchState.Queued q : p.entry().requests()) {
        if (p.queued().id().equals(q.after()) && awaiting.add(q.id())) {
          Pending next = byId.get(q.id());
          if (submitter.findResult(q.id()).isEmpty()) {
            publish(List.of(next));
          }
          await(next);
        }
      }
      if (mine.size() == p.entry().services().size()) {
        finishEntry(p.entry());
      }
    } catch (IOException | RuntimeException e) {
      abort(e instanceof RuntimeException r ? r : new IllegalStateException("cannot record the batch: " + e.getMessage(), e));
    }
  }

  /** Writes the entry's report and summary row, then journals it as done. */
  private void finishEntry(BatchState.Entry e) {
    try {
      AnalyzeOptions options = QueuedBatchPlan.options(e);
      Map<String, ServiceOutcome> mine = outcomes.get(e.position());
      List<ServiceOutcome> ordered = new ArrayList<>();
      Instant finished = store.state().createdAt();
      for (ServiceSpec spec : options.services()) {
        ServiceOutcome o = mine.get(spec.name());
        ordered.add(o);
        if (o.result() != null && o.result().timestamp() != null && o.result().timestamp().isAfter(finished)) {
          finished = o.result().timestamp();
        }
      }
      Instant started = store.state().createdAt().truncatedTo(ChronoUnit.SECONDS);
      AnalysisRun.Report report = new AnalysisRun.Report(taskId(e), options, started, finished.truncatedTo(ChronoUnit.SECONDS),
          ordered);
      Consolidated c = Consolidated.of(report);
      ResultsWriter.Written files = ResultsWriter.write(results, c);
      BatchSummary.Row row = BatchSummary.Row.of(e.position(), options, new RunSupport.Done(c, files,
          RunSupport.exitCode(c, options)));
      store.journal().done(e.position(), JSON.valueToTree(row.toMap()));
      out.println(row.line());
      rows.get(e.position()).complete(row);
    } catch (IOException | RuntimeException ex) {
      abort(new IllegalStateException("cannot write the report of entry " + e.position() + ": " + ex.getMessage(), ex));
    }
  }

  /** The entry's task id, the same in every run of the batch: {@code analysis_<created>_<batch suffix>_<position>}. */
  private String taskId(BatchState.Entry e) {
    String id = store.state().batchId();
    return "analysis_" + TASK.format(store.state().createdAt()) + "_" + id.substring(id.lastIndexOf('-') + 1) + "_"
        + e.position();
  }

  private void abort(RuntimeException e) {
    aborted.completeExceptionally(e);
  }

  private BatchState.Entry entry(int position) {
    return store.state().entries().stream().filter(e -> e.position() == position).findFirst().orElseThrow();
  }
}
