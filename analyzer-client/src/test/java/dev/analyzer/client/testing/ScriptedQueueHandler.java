package dev.analyzer.client.testing;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.CancellationSignal;
import dev.analyzer.queue.ProgressSink;
import dev.analyzer.queue.QueueHandler;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker-side handler for queue tests, driven by the request's {@code source_path}:
 *
 * <ul>
 *   <li>{@code /apps/quick}: answers success at once;</li>
 *   <li>{@code /apps/hold}: runs until {@link #release()} (then success) or until cancelled (then
 *       {@code cancelled}, the signal's reason remembered);</li>
 *   <li>{@code /apps/progress}: sends three progress frames, waits until {@link #progressSeen} is
 *       counted down (the caller saw them), then answers success;</li>
 *   <li>{@code /apps/poison}: fails ("parser crashed on app1") on every delivery.</li>
 * </ul>
 *
 * Counts runs per request id. Thread-safe.
 */
public final class ScriptedQueueHandler implements QueueHandler {

  public final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  public final Map<String, String> cancels = new ConcurrentHashMap<>();
  public final CountDownLatch started = new CountDownLatch(1);
  public final CountDownLatch progressSeen = new CountDownLatch(3);
  private final CompletableFuture<Void> released = new CompletableFuture<>();

  @Override
  public CompletableFuture<AnalysisResult> handle(AnalysisRequest request, ProgressSink progress,
      CancellationSignal cancel) {
    runs.computeIfAbsent(request.id(), k -> new AtomicInteger()).incrementAndGet();
    started.countDown();
    String mode = request.sourcePath();
    switch (mode) {
      case "/apps/quick":
        return CompletableFuture.completedFuture(success(request));
      case "/apps/poison":
        throw new IllegalStateException("parser crashed on app1");
      case "/apps/progress":
        return CompletableFuture.supplyAsync(() -> {
          for (int i = 1; i <= 3; i++) {
            progress.send(ProgressUpdate.of(request.id(), "test-worker", "step", "step " + i, i * 30.0, Instant.now()));
          }
          awaitQuietly(progressSeen);
          return success(request);
        });
      case "/apps/hold":
        CompletableFuture<AnalysisResult> f = new CompletableFuture<>();
        cancel.onCancel(() -> {
          String reason = cancel.reason().orElse("?");
          cancels.put(request.id(), reason);
          f.complete(AnalysisResult.failed(request, "test-worker", Instant.now(), ResultStatus.CANCELLED, reason));
        });
        released.thenRun(() -> f.complete(success(request)));
        return f;
      default:
        throw new IllegalArgumentException("no such test mode: " + mode);
    }
  }

  /** Lets every held analysis finish with success. */
  public void release() {
    released.complete(null);
  }

  /** How often the analysis {@code id} ran. */
  public int runsOf(String id) {
    AtomicInteger n = runs.get(id);
    return n == null ? 0 : n.get();
  }

  /** How many analyses ran in all. */
  public int totalRuns() {
    return runs.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private static AnalysisResult success(AnalysisRequest r) {
    return new AnalysisResult(r.kind().resultType(), r.id(), "test-worker", Instant.now(), ResultStatus.SUCCESS, null,
        null, Map.of("handled_by", "test-worker"));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
