package dev.analyzer.ai.quality;

import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.code.SourceFile;
import dev.analyzer.ai.review.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Counts lines of an app that match a pattern, remembering the first few places as evidence.
 * Not thread-safe; one per scoring run.
 */
final class LineSignals {

  /** Matches of one pattern. */
  record Count(int n, List<Evidence> where) {}

  private final AppSource app;

  LineSignals(AppSource app) {
    this.app = app;
  }

  /** Lines matching {@code pattern} in files {@code files} accepts (comments included only if the pattern wants them). */
  Count count(Pattern pattern, Predicate<SourceFile> files) {
    int n = 0;
    List<Evidence> where = new ArrayList<>();
    for (SourceFile f : app.files()) {
      if (!files.test(f)) {
        continue;
      }
      for (int i = 0; i < f.lines().size(); i++) {
        if (pattern.matcher(f.lines().get(i)).find()) {
          n++;
          if (where.size() < 5) {
            where.add(new Evidence(f.path(), i + 1, f.lines().get(i).strip(), true));
          }
        }
      }
    }
    return new Count(n, where);
  }

  /** Lines of the files {@code files} accepts. */
  int lines(Predicate<SourceFile> files) {
    return app.files().stream().filter(files).mapToInt(f -> f.lines().size()).sum();
  }
}
