package dev.analyzer.ai.review;

import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.code.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mechanical verification pass: every {@code file:line} a model cites must name a file of the
 * app, a line inside it, and a quote found (white space ignored) within two lines of it. A verdict
 * of met or partial with a false citation, or met with no citation at all, goes one step down,
 * with confidence LOW, {@code verification_pass} failed and the explanation marked
 * {@code [EVIDENCE NOT FOUND]} or {@code [NO EVIDENCE]}; otherwise the pass is confirmed. Stateless.
 */
public final class EvidenceChecker {

  static final int SLACK = 2;

  private EvidenceChecker() {}

  /** {@code v} with each citation checked and the verdict adjusted. */
  public static RequirementVerdict check(RequirementVerdict v, AppSource app) {
    List<Evidence> checked = new ArrayList<>();
    List<String> false_ = new ArrayList<>();
    for (Evidence e : v.evidence()) {
      boolean ok = verify(e, app);
      checked.add(new Evidence(e.file(), e.line(), e.quote(), ok));
      if (!ok) {
        false_.add(e.file() + ":" + e.line());
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

  /** True when {@code e}'s file exists, its line is inside it and the quote is within {@link #SLACK} lines. */
  static boolean verify(Evidence e, AppSource app) {
    Optional<SourceFile> f = find(e.file(), app);
    if (f.isEmpty() || e.line() < 1 || e.line() > f.get().lines().size()) {
      return false;
    }
    String quote = squash(e.quote().replaceAll("^[`'\"]+|[`'\"]+$", ""));
    if (quote.isEmpty()) {
      return false;
    }
    String near = squash(f.get().text(e.line() - SLACK, e.line() + SLACK));
    return near.contains(quote);
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
