package dev.analyzer.ai.review;

import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.code.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mechanical verification pass: every {@code file:line} a model cites must name a file of the
 * app, a line inside it, and a meaningful quote (at least 8 non-space characters, or half of a
 * shorter line) found inside one line (white space ignored) within two lines of it. A verdict
 * of met or partial with a false citation, or met with no citation at all, goes one step down,
 * with confidence LOW, {@code verification_pass} failed and the explanation marked
 * {@code [EVIDENCE NOT FOUND]} or {@code [NO EVIDENCE]}; otherwise the pass is confirmed. Stateless.
 */
public final class EvidenceChecker {

  static final int SLACK = 2;
  /** Non-space characters a quote needs, unless it is at least half of a shorter line. */
  static final int MIN_QUOTE = 8;

  private EvidenceChecker() {}

  /** {@code v} with each citation checked and the verdict adjusted. */
  public static RequirementVerdict check(RequirementVerdict v, AppSource app) {
    List<Evidence> checked = new ArrayList<>();
    List<String> false_ = new ArrayList<>();
    for (Evidence e : v.evidence()) {
      Check c = verify(e, app);
      checked.add(new Evidence(e.file(), e.line(), e.quote(), c == Check.FOUND));
      if (c != Check.FOUND) {
        false_.add(e.file() + ":" + e.line() + (c == Check.TOO_SHORT ? " (quote too short to check)" : ""));
      }
    }
    RequirementVerdict withEv = v.withEvidence(checked);
    if (!false_.isEmpty() && v.verdict() != Verdict.NOT_FOUND) {
      return withEv.with(v.verdict().downgraded(), "LOW", "[EVIDENCE NOT FOUND] " + String.join(", ", false_)
          + " do not hold what the model quoted; " + v.explanation(), "failed");
    }
    if (checked.isEmpty() && v.verdict() == Verdict.MET) {
      return withEv.with(Verdict.PARTIAL, "LOW", "[NO EVIDENCE] the model cited no code; " + v.explanation(), "failed");
    }
    return withEv.with(v.verdict(), v.confidence(), v.explanation(), checked.isEmpty() ? "not_applicable" : "confirmed");
  }

  /** The outcome of checking one citation. */
  enum Check { FOUND, NOT_FOUND, TOO_SHORT }

  /**
   * FOUND when {@code e}'s file exists, its line is inside it, and every line of the quote is
   * inside one line within {@link #SLACK} lines of it (white space ignored) and is meaningful:
   * at least {@link #MIN_QUOTE} non-space characters, or at least half of the line it matches
   * when that line is shorter. A quote never matches across lines.
   */
  static Check verify(Evidence e, AppSource app) {
    Optional<SourceFile> f = find(e.file(), app);
    if (f.isEmpty() || e.line() < 1 || e.line() > f.get().lines().size()) {
      return Check.NOT_FOUND;
    }
    List<String> parts = new ArrayList<>();
    for (String part : e.quote().strip().replaceAll("^[`'\"]+|[`'\"]+$", "").split("\\R")) {
      String q = squash(part);
      if (!q.isEmpty()) {
        parts.add(q);
      }
    }
    if (parts.isEmpty()) {
      return Check.NOT_FOUND;
    }
    List<String> lines = f.get().lines();
    int from = Math.max(1, e.line() - SLACK);
    int to = Math.min(lines.size(), e.line() + SLACK);
    boolean tooShort = false;
    for (String q : parts) {
      Check best = Check.NOT_FOUND;
      for (int n = from; n <= to && best != Check.FOUND; n++) {
        String line = squash(lines.get(n - 1));
        if (line.contains(q)) {
          best = q.length() >= MIN_QUOTE || 2 * q.length() >= line.length() ? Check.FOUND : Check.TOO_SHORT;
        }
      }
      if (best == Check.NOT_FOUND) {
        return Check.NOT_FOUND;
      }
      tooShort |= best == Check.TOO_SHORT;
    }
    return tooShort ? Check.TOO_SHORT : Check.FOUND;
  }

  private static Optional<SourceFile> find(String file, AppSource app) {
    String p = file.strip().replace('\\', '/');
    while (p.startsWith("./") || p.startsWith("/")) {
      p = p.substring(p.startsWith("./") ? 2 : 1);
    }
    Optional<SourceFile> exact = app.file(p);
    if (exact.isPresent()) {
      return exact;
    }
    String suffix = "/" + p;
    List<SourceFile> matches = app.files().stream().filter(f -> f.path().endsWith(suffix)).toList();
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", "");
  }
}
