package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.CancellationReason;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The analyses in flight, bounded by {@code ANALYZER_MAX_CONCURRENT_ANALYSES}. An analysis holds
 * its permit until its thread has returned, so the bound counts real work, including an analysis
 * that was cancelled but whose code has not yet noticed.
 *
 * <p>Cancellation work (killing process trees) runs on the control executor, never on a Netty event
 * loop. Thread-safe.
 */
public final class AnalysisRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(AnalysisRegistry.class);

  /** Why {@link #start} did not start an analysis. */
  public enum StartResult { STARTED, BUSY, DUPLICATE_ID }

  private final ServiceRuntime runtime;
  private final ExecutorService analysisExecutor;
  private final ExecutorService controlExecutor;
  private final ExecutorService ioExecutor;
  private final ScheduledExecutorService timers;
  private final Semaphore permits;
  private final Map<String, RunningAnalysis> running = new ConcurrentHashMap<>();
  private final Map<RunningAnalysis, ScheduledFuture<?>> deadlines = new ConcurrentHashMap<>();

  public AnalysisRegistry(ServiceRuntime runtime, ExecutorService analysisExecutor, ExecutorService controlExecutor,
      ExecutorService ioExecutor, ScheduledExecutorService timers) {
    this.runtime = runtime;
    this.analysisExecutor = analysisExecutor;
    this.controlExecutor = controlExecutor;
    this.ioExecutor = ioExecutor;
    this.timers = timers;
    this.permits = new Semaphore(runtime.settings().maxConcurrentAnalyses());
    runtime.registry(this);
  }

  /** Starts {@code request} on an analysis thread, or says why not. */
  StartResult start(AnalysisRequest request, Channel channel) {
    if (!permits.tryAcquire()) {
      return StartResult.BUSY;
    }
    Duration timeout = deadlineOf(request, runtime.settings().analysisTimeout());
    RunningAnalysis analysis = new RunningAnalysis(runtime, request, channel, timeout, ioExecutor);
    if (running.putIfAbsent(request.id(), analysis) != null) {
      permits.release();
      return StartResult.DUPLICATE_ID;
    }
    deadlines.put(analysis, timers.schedule(() -> cancelAsync(analysis, CancellationReason.DEADLINE),
        timeout.toNanos(), TimeUnit.NANOSECONDS));
    try {
      analysisExecutor.execute(() -> run(analysis));
    } catch (RejectedExecutionException e) {
      ended(analysis);
      return StartResult.BUSY;
    }
    return StartResult.STARTED;
  }

  /** A request's {@code timeout_seconds} may shorten the service's deadline, never lengthen it. */
  static Duration deadlineOf(AnalysisRequest request, Duration serviceTimeout) {
    if (request.timeoutSeconds() == null) {
      return serviceTimeout;
    }
    Duration asked = Duration.ofSeconds(request.timeoutSeconds());
    return asked.compareTo(serviceTimeout) < 0 ? asked : serviceTimeout;
  }

  private void run(RunningAnalysis analysis) {
    MDC.put("correlation_id", analysis.request().id());
    try {
      LOG.info("analysis {} started: {} model={} app={}", analysis.request().id(), analysis.request().type(),
          analysis.request().modelSlug(), analysis.request().appNumber());
      analysis.execute();
    } finally {
      ended(analysis);
      MDC.remove("correlation_id");
    }
  }

  /** Called instead of {@link #replied} when the analysis was refused before it began (its source path). */
  void refused(RunningAnalysis analysis) {
    ScheduledFuture<?> deadline = deadlines.remove(analysis);
    if (deadline != null) {
      deadline.cancel(false);
    }
    LOG.info("analysis {} refused: source_path not allowed", analysis.request().id());
  }

  /** Called once when the analysis's terminal reply is written. */
  void replied(RunningAnalysis analysis, ResultStatus status) {
    ScheduledFuture<?> deadline = deadlines.remove(analysis);
    if (deadline != null) {
      deadline.cancel(false);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - analysis.startedNanos());
    analysis.countStarted();
    runtime.metrics().analysisFinished(analysis.request().type().wire(), status, took);
    LOG.info("analysis {} finished: {} in {} ms", analysis.request().id(), status, took.toMillis());
  }

  /** Called once when the analysis thread has returned: frees the permit. */
  private void ended(RunningAnalysis analysis) {
    if (running.remove(analysis.request().id(), analysis)) {
      permits.release();
    }
    ScheduledFuture<?> deadline = deadlines.remove(analysis);
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  /**
   * Cancels the analysis {@code id} asynchronously.
   *
   * @return false when no analysis with that id is running
   */
  public boolean cancel(String id, CancellationReason reason) {
    RunningAnalysis analysis = running.get(id);
    if (analysis == null || analysis.hasReplied()) {
      return false;
    }
    cancelAsync(analysis, reason);
    return true;
  }

  /** Cancels the analysis running on {@code channel}, if any (the client went away). */
  void cancelChannel(Channel channel, CancellationReason reason) {
    for (RunningAnalysis a : running.values()) {
      if (a.channel() == channel && !a.hasReplied()) {
        cancelAsync(a, reason);
      }
    }
  }

  /** True when {@code channel} has an analysis that has not replied yet. */
  boolean hasActiveAnalysis(Channel channel) {
    for (RunningAnalysis a : running.values()) {
      if (a.channel() == channel && !a.hasReplied()) {
        return true;
      }
    }
    return false;
  }

  private void cancelAsync(RunningAnalysis analysis, CancellationReason reason) {
    try {
      controlExecutor.execute(() -> analysis.cancel(reason));
    } catch (RejectedExecutionException e) {
      analysis.cancel(reason);
    }
  }

  /** Analyses whose threads have not returned yet. */
  public int inFlight() {
    return running.size();
  }

  /** Analyses that have not replied yet. */
  public int awaitingReply() {
    int n = 0;
    for (RunningAnalysis a : running.values()) {
      if (!a.hasReplied()) {
        n++;
      }
    }
    return n;
  }

  /** Waits until no analysis awaits its reply, or {@code timeout} passes. */
  public boolean awaitReplies(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (awaitingReply() > 0) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Cancels every analysis that has not replied, and waits for the cancellations to complete. */
  public void cancelAll(CancellationReason reason) {
    List<RunningAnalysis> all = new ArrayList<>(running.values());
    for (RunningAnalysis a : all) {
      a.cancel(reason);
    }
  }
}
