package dev.analyzer.client.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analyses in flight, by id. Finished tasks are dropped at once; {@link #cancelAll()} cancels
 * every task (used by close). Thread-safe.
 */
public final class TaskManager {

  private final Map<String, ManagedTask> tasks = new ConcurrentHashMap<>();
  private final java.util.concurrent.CompletableFuture<Void> drained = new java.util.concurrent.CompletableFuture<>();
  private volatile boolean draining;

  /** Registers a task; an id already in flight is rejected. */
  public boolean register(ManagedTask task) {
    return tasks.putIfAbsent(task.id(), task) == null;
  }

  /** Marks the task finished and drops it. */
  public void finished(ManagedTask task, TaskState state) {
    task.finish(state);
    tasks.remove(task.id(), task);
    if (draining && tasks.isEmpty()) {
      drained.complete(null);
    }
  }

  /** Completes once no task is left, from now on (close waits on it instead of sleeping). */
  public java.util.concurrent.CompletableFuture<Void> drained() {
    draining = true;
    if (tasks.isEmpty()) {
      drained.complete(null);
    }
    return drained;
  }

  public Optional<ManagedTask> get(String id) {
    return Optional.ofNullable(tasks.get(id));
  }

  /** Cancels task {@code id}; false when no such task is in flight. */
  public boolean cancel(String id) {
    ManagedTask t = tasks.get(id);
    if (t == null) {
      return false;
    }
    t.cancel();
    return true;
  }

  /** Cancels every task in flight. */
  public void cancelAll() {
    for (ManagedTask t : new ArrayList<>(tasks.values())) {
      t.cancel();
    }
  }

  public int active() {
    return tasks.size();
  }

  public Collection<ManagedTask> all() {
    return List.copyOf(tasks.values());
  }
}
