package dev.analyzer.ai;

import dev.analyzer.ai.review.RequirementReviewer;
import dev.analyzer.core.protocol.AnalysisRequest;

/** Chooses the reviewer of one analysis. Implementations are thread-safe. */
@FunctionalInterface
public interface ReviewerSelector {

  /**
   * The reviewer for {@code request}.
   *
   * @param reviewer the reviewer
   * @param method {@code llm}, {@code local-llm} or {@code embedding-ir}
   * @param note why this one (shown in the result's metadata)
   */
  record Selection(RequirementReviewer reviewer, String method, String note) {}

  Selection select(AnalysisRequest request);
}
