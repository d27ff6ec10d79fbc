package dev.analyzer.ai;

import dev.analyzer.ai.review.EmbeddingReviewer;
import dev.analyzer.core.settings.Environment;

/** Chooses the reviewer from the settings (see {@code AI_METHOD}). Stateless. */
public final class Reviewers {

  private Reviewers() {}

  /** The selector for {@code settings}, reading keys from {@code env}. */
  public static ReviewerSelector fromEnvironment(AiSettings settings, Environment env) {
    EmbeddingReviewer ir = new EmbeddingReviewer();
    return req -> new ReviewerSelector.Selection(ir, "embedding-ir", "no model configured");
  }
}
