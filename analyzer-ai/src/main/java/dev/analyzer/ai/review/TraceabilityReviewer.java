package dev.analyzer.ai.review;

import dev.analyzer.ai.code.CodeFact;
import dev.analyzer.ai.code.Words;
import dev.analyzer.ai.requirements.Requirement;
import dev.analyzer.ai.retrieval.EmbeddingIndex;
import dev.analyzer.ai.retrieval.IndexedApp;
import dev.analyzer.ai.retrieval.IndexedApp.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The no-model reviewer ({@code embedding-ir}): for each requirement, the facts and chunks closest
 * to it in embedding space (on its side of the app: backend requirements look at backend files),
 * how many of its content words (or their code synonyms) those hits and the whole side contain, and
 * the route check when it names {@code METHOD /path}. It can tell whether the code talks about what
 * the requirement talks about and where; it cannot tell whether the code works. Stateless;
 * thread-safe.
 */
public final class TraceabilityReviewer {

  public static final String METHOD = "embedding-ir";
  public static final String LIMITATIONS = "embedding-ir matches requirement words and meaning against code "
      + "facts and chunks (all-MiniLM-L6-v2); it shows where the code addresses a requirement, not that the "
      + "behaviour is correct, and it misses features expressed without the requirement's vocabulary";
  static final int HITS = 6;
  static final double MET_SCORE = 0.62;
  static final double PARTIAL_SCORE = 0.42;

  /** Reviews every requirement against {@code app}. */
  public List<RequirementVerdict> review(List<Requirement> requirements, IndexedApp app) {
    List<RequirementVerdict> out = new ArrayList<>();
    for (Requirement r : requirements) {
      out.add(review(r, app));
    }
    return out;
  }

  /** Reviews one requirement. */
  public RequirementVerdict review(Requirement r, IndexedApp app) {
    Side side = side(r);
    Predicate<EmbeddingIndex.Entry> onSide = e -> side == null || IndexedApp.side(e.file()) == side;
    List<EmbeddingIndex.Hit> hits = app.index().search(app.index().embed(r.text()), HITS, onSide);
    List<String> terms = Words.terms(r.text().replaceAll("\\b(GET|POST|PUT|PATCH|DELETE)\\s+/\\S*", ""));
    Set<String> hitStems = new HashSet<>();
    for (EmbeddingIndex.Hit h : hits) {
      hitStems.addAll(Words.codeStems(h.entry().text()));
    }
    int inHits = 0;
    int inSide = 0;
    List<String> missing = new ArrayList<>();
    for (String t : terms) {
      if (Synonyms.covered(t, hitStems)) {
        inHits++;
      }
      boolean anywhere = Synonyms.expand(t).stream().anyMatch(s -> app.contains(side, s));
      if (anywhere) {
        inSide++;
      } else {
        missing.add(t);
      }
    }
    double top = hits.isEmpty() ? 0 : hits.get(0).score();
    double cos = clamp((top - 0.15) / 0.45);
    double hitCover = terms.isEmpty() ? 0 : (double) inHits / terms.size();
    double sideCover = terms.isEmpty() ? 0 : (double) inSide / terms.size();
    double score = 0.35 * cos + 0.35 * hitCover + 0.30 * sideCover;
    RouteCheck.Outcome route = r.route() == null ? null : RouteCheck.check(r.route(), app.facts());
    Verdict v;
    if (route != null) {
      v = switch (route.status()) {
        case FOUND -> sideCover >= 0.5 ? Verdict.MET : Verdict.PARTIAL;
        case METHOD_MISMATCH, NOT_FOUND -> Verdict.NOT_FOUND;
      };
      score = route.status() == RouteCheck.Status.FOUND ? Math.max(score, 0.8) : Math.min(score, 0.4);
    } else if (score >= MET_SCORE && sideCover >= 0.8) {
      v = Verdict.MET;
    } else if (score >= PARTIAL_SCORE && sideCover >= 0.5) {
      v = Verdict.PARTIAL;
    } else {
      v = Verdict.NOT_FOUND;
    }
    List<String> lacking = Enumerations.missingItems(r.text(), side, app);
    if (v == Verdict.MET && !lacking.isEmpty()) {
      v = Verdict.PARTIAL;
      java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(lacking);
      all.addAll(missing);
      missing = new ArrayList<>(all);
    }
    List<Evidence> evidence = evidence(route, hits, terms);
    String confidence = v == Verdict.MET && score >= 0.75 ? "MEDIUM" : "LOW";
    if (v == Verdict.MET && confidence.equals("LOW")) {
      confidence = "MEDIUM";
    }
    return new RequirementVerdict(r, v, v == Verdict.NOT_FOUND && score < 0.3 ? "MEDIUM" : confidence, score,
        explain(v, route, inSide, terms.size(), missing, evidence), evidence, METHOD, "not_applicable",
        route == null ? null : route.toMap(), false);
  }

  private static Side side(Requirement r) {
    String c = r.category().toLowerCase(Locale.ROOT);
    if (c.startsWith("back") || c.equals("api")) {
      return Side.BACKEND;
    }
    return c.startsWith("front") || c.equals("ui") ? Side.FRONTEND : null;
  }

  private static List<Evidence> evidence(RouteCheck.Outcome route, List<EmbeddingIndex.Hit> hits, List<String> terms) {
    List<Evidence> out = new ArrayList<>();
    if (route != null && route.match() != null) {
      out.add(new Evidence(route.match().file(), route.match().line(), route.match().snippet(), true));
    }
    for (EmbeddingIndex.Hit h : hits) {
      if (out.size() >= 3) {
        break;
      }
      Evidence e = h.entry().fact() != null ? fromFact(h.entry().fact()) : fromChunk(h.entry(), terms);
      if (out.stream().noneMatch(o -> o.file().equals(e.file()) && Math.abs(o.line() - e.line()) < 2)) {
        out.add(e);
      }
    }
    return out;
  }

  private static Evidence fromFact(CodeFact f) {
    return new Evidence(f.file(), f.line(), f.snippet(), true);
  }

  /** The line of the chunk with most of the requirement's words. */
  private static Evidence fromChunk(EmbeddingIndex.Entry e, List<String> terms) {
    String[] lines = e.chunk().text().split("\n", -1);
    int best = 0;
    int bestHits = -1;
    for (int i = 0; i < lines.length; i++) {
      Set<String> s = Words.stems(lines[i]);
      int n = 0;
      for (String t : terms) {
        if (Synonyms.covered(t, s)) {
          n++;
        }
      }
      if (n > bestHits) {
        bestHits = n;
        best = i;
      }
    }
    return new Evidence(e.chunk().file(), e.chunk().startLine() + best, lines[best].strip(), true);
  }

  private static String explain(Verdict v, RouteCheck.Outcome route, int found, int total, List<String> missing,
      List<Evidence> evidence) {
    StringBuilder b = new StringBuilder(switch (v) {
      case MET -> "[EMBEDDING-IR] code addresses it";
      case PARTIAL -> "[PARTIAL] [EMBEDDING-IR] code addresses part of it";
      case NOT_FOUND -> "[EMBEDDING-IR] no code found for it";
    });
    if (route != null) {
      b.append("; route ").append(route.ref().method()).append(' ').append(route.ref().path()).append(' ')
          .append(route.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    b.append("; ").append(found).append('/').append(total).append(" key terms present");
    if (!missing.isEmpty()) {
      b.append(" (absent: ").append(String.join(", ", missing.subList(0, Math.min(6, missing.size())))).append(')');
    }
    if (!evidence.isEmpty()) {
      b.append("; nearest: ").append(evidence.get(0).file()).append(':').append(evidence.get(0).line());
    }
    return b.toString();
  }

  private static double clamp(double x) {
    return Math.max(0, Math.min(1, x));
  }
}
