package dev.analyzer.ai.code;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Thrown when indexing an app stops because the analysis was cancelled or passed its deadline. */
public final class IndexingStopped extends CancellationException {

  private static final long serialVersionUID = 1L;

  public IndexingStopped() {
    super("indexing stopped: the analysis was cancelled or passed its deadline");
  }

  /** Throws when {@code stop} says so. */
  public static void check(BooleanSupplier stop) {
    if (stop.getAsBoolean()) {
      throw new IndexingStopped();
    }
  }
}
