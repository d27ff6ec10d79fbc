package dev.analyzer.ai.retrieval;

import java.util.List;

/** Turns texts into unit-length vectors. Implementations must be thread-safe. */
public interface Embedder {

  /** One vector per text, in order, each of length {@link #dimension()} and unit norm. */
  List<float[]> embed(List<String> texts);

  /** The vector length. */
  int dimension();

  /** The model's name, for results. */
  String name();
}
