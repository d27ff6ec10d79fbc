package dev.analyzer.client.task;

/** Where a managed task stands. */
public enum TaskState {
  /** Submitted; waiting for a connection or running remotely. */
  RUNNING,
  /** Ended with the service's terminal reply. */
  COMPLETED,
  /** Ended with a client-side failure (unreachable, circuit open, pool exhausted, broken connection). */
  FAILED,
  /** Cancelled by its caller or by close(). */
  CANCELLED,
  /** Ran past its deadline. */
  TIMED_OUT;

  public boolean isFinished() {
    return this != RUNNING;
  }
}
