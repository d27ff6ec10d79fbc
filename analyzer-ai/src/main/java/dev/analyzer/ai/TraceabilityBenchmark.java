package dev.analyzer.ai;

import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.requirements.Requirement;
import dev.analyzer.ai.retrieval.IndexedApp;
import dev.analyzer.ai.retrieval.MiniLmEmbedder;
import dev.analyzer.ai.review.RequirementVerdict;
import dev.analyzer.ai.review.TraceabilityReviewer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The public entry point for benchmarks and other programs: review an app directory against
 * requirements with the no-model method ({@code embedding-ir}), timed. The shared MiniLM model is
 * loaded on the first call. Thread-safe.
 */
public final class TraceabilityBenchmark {

  /**
   * One run.
   *
   * @param verdicts one per requirement, in order
   * @param indexMillis reading, fact extraction and embedding of the app
   * @param reviewMillis reviewing all requirements
   * @param files source files read
   * @param facts facts extracted
   */
  public record Run(List<RequirementVerdict> verdicts, long indexMillis, long reviewMillis, int files, int facts) {}

  private TraceabilityBenchmark() {}

  /**
   * Reviews {@code appDir} against {@code requirements}.
   *
   * @throws IOException when the app cannot be read
   */
  public static Run run(Path appDir, List<Requirement> requirements) throws IOException {
    long t0 = System.nanoTime();
    AppSource source = AppSource.read(appDir, 2000, 512 * 1024);
    IndexedApp app = IndexedApp.build(source, MiniLmEmbedder.shared());
    long t1 = System.nanoTime();
    List<RequirementVerdict> verdicts = new TraceabilityReviewer().review(requirements, app);
    long t2 = System.nanoTime();
    return new Run(verdicts, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, source.files().size(), app.facts().size());
  }
}
