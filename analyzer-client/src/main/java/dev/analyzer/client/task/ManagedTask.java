package dev.analyzer.client.task;

import dev.analyzer.core.protocol.AnalysisKind;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One submitted analysis as the task manager tracks it: id, model_slug, app_number, analysis type,
 * creation time and state, plus how to cancel it. A task is visible (registered) before its
 * canceller is attached; a cancel in between is queued and runs at {@link #attach}, so no cancel is
 * lost. Thread-safe.
 */
public final class ManagedTask {

  private final String id;
  private final String modelSlug;
  private final Integer appNumber;
  private final AnalysisKind kind;
  private final Instant created;
  private static final Runnable CANCEL_QUEUED = () -> { };
  private final AtomicReference<Runnable> canceller = new AtomicReference<>();
  private final AtomicReference<TaskState> state = new AtomicReference<>(TaskState.RUNNING);

  public ManagedTask(String id, String modelSlug, Integer appNumber, AnalysisKind kind, Instant created,
      Runnable canceller) {
    this(id, modelSlug, appNumber, kind, created);
    attach(canceller);
  }

  /** A task whose canceller is {@link #attach attached} later. */
  public ManagedTask(String id, String modelSlug, Integer appNumber, AnalysisKind kind, Instant created) {
    this.id = id;
    this.modelSlug = modelSlug;
    this.appNumber = appNumber;
    this.kind = kind;
    this.created = created;
  }

  /** Sets how to cancel; runs it at once when a cancel came first. Once only. */
  public void attach(Runnable c) {
    if (!canceller.compareAndSet(null, c) && canceller.get() == CANCEL_QUEUED) {
      c.run();
    }
  }

  public String id() {
    return id;
  }

  public String modelSlug() {
    return modelSlug;
  }

  public Integer appNumber() {
    return appNumber;
  }

  public AnalysisKind kind() {
    return kind;
  }

  public Instant created() {
    return created;
  }

  public TaskState state() {
    return state.get();
  }

  /** Moves to a finished state once; later calls are ignored. */
  public boolean finish(TaskState finished) {
    return state.compareAndSet(TaskState.RUNNING, finished);
  }

  /** Cancels the task (which sends cancel_request to the service when it is the last caller). */
  public void cancel() {
    Runnable c = canceller.getAndUpdate(x -> x == null ? CANCEL_QUEUED : x);
    if (c != null && c != CANCEL_QUEUED) {
      c.run();
    }
  }
}
