package dev.analyzer.performance.generator;

/** Receives progress once a second on the run's coordinator thread; must return quickly and not throw. */
@FunctionalInterface
public interface LoadListener {

  LoadListener NONE = p -> { };

  void onProgress(LoadProgress progress);
}
