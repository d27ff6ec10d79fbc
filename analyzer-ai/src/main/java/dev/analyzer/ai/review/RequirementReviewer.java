package dev.analyzer.ai.review;

import dev.analyzer.ai.report.RunInfo;
import dev.analyzer.ai.requirements.Requirement;
import dev.analyzer.ai.retrieval.IndexedApp;
import java.util.List;

/** Judges requirements against an indexed app by one method. Implementations are thread-safe. */
public interface RequirementReviewer {

  /** The outcome: verdicts in requirement order, and how they were made. */
  record Review(List<RequirementVerdict> verdicts, RunInfo info, List<String> notes) {}

  /**
   * Reviews {@code requirements}.
   *
   * @throws ReviewException when the method cannot produce an honest result (the tool reports error)
   */
  Review review(List<Requirement> requirements, IndexedApp app, ReviewControl control) throws ReviewException;
}
