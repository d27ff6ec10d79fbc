package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.testing.NatsServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Settings, requests and handlers shared by the scenario tests. */
final class QueueTestSupport {

  private QueueTestSupport() {}

  /** Settings for tests: a fresh prefix, memory-free file storage, quick redelivery. */
  static QueueSettingsBuilder settings(String url) {
    return QueueSettings.builder(url).withPrefix(NatsServerExtension.uniquePrefix())
        .withAckWait(Duration.ofSeconds(2)).withNakDelay(Duration.ZERO).withMaxDeliver(3);
  }

  static AnalysisRequest request(AnalysisKind kind) {
    return AnalysisRequest.builder(kind).withSourcePath("/apps/m/app1").build();
  }

  static AnalysisResult success(AnalysisRequest r, String worker) {
    return new AnalysisResult(r.kind().resultType(), r.id(), "test-worker", Instant.now(), ResultStatus.SUCCESS, null,
        null, Map.of("handled_by", worker));
  }

  static AnalysisResult cancelled(AnalysisRequest r, String reason) {
    return AnalysisResult.failed(r, "test-worker", Instant.now(), ResultStatus.CANCELLED, reason);
  }

  /** A handler that answers at once and counts how often it ran per id. */
  static final class CountingHandler implements QueueHandler {
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final String name;

    CountingHandler(String name) {
      this.name = name;
    }

    @Override
    public CompletableFuture<AnalysisResult> handle(AnalysisRequest request, ProgressSink progress,
        CancellationSignal cancel) {
      runs.computeIfAbsent(request.id(), k -> new AtomicInteger()).incrementAndGet();
      return CompletableFuture.completedFuture(success(request, name));
    }

    int runsOf(String id) {
      AtomicInteger n = runs.get(id);
      return n == null ? 0 : n.get();
    }
  }
}
