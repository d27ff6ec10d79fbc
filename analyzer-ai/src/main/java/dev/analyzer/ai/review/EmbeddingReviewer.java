package dev.analyzer.ai.review;

import dev.analyzer.ai.report.RunInfo;
import dev.analyzer.ai.requirements.Requirement;
import dev.analyzer.ai.retrieval.IndexedApp;
import java.util.ArrayList;
import java.util.List;

/** {@link TraceabilityReviewer} as a {@link RequirementReviewer}; checks cancellation between requirements. */
public final class EmbeddingReviewer implements RequirementReviewer {

  private final TraceabilityReviewer reviewer = new TraceabilityReviewer();

  @Override
  public Review review(List<Requirement> requirements, IndexedApp app, ReviewControl control) throws ReviewException {
    long t0 = System.nanoTime();
    List<RequirementVerdict> out = new ArrayList<>();
    for (Requirement r : requirements) {
      if (control.cancelled().getAsBoolean()) {
        throw new ReviewException("cancelled", false, null);
      }
      out.add(reviewer.review(r, app));
      control.progress().done(out.size(), requirements.size());
    }
    RunInfo info = new RunInfo("none", app.index().embedderName(), TraceabilityReviewer.METHOD, false, 0, 0, null,
        (System.nanoTime() - t0) / 1e9, 0, 0);
    return new Review(out, info, List.of(TraceabilityReviewer.LIMITATIONS));
  }
}
