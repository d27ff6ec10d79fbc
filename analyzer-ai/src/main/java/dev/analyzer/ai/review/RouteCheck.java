package dev.analyzer.ai.review;

import dev.analyzer.ai.code.CodeFact;
import dev.analyzer.ai.requirements.Requirement.RouteRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's backend route check, done right: a {@code METHOD /path} named by a requirement is
 * looked up among the app's route facts with every parameter syntax ({@code :id}, {@code <int:id>},
 * {@code {id}}) normalised, so {@code PUT /api/todos/:id} matches {@code @app.route('/api/todos/<int:id>',
 * methods=['PUT'])}. Stateless.
 */
public final class RouteCheck {

  /** What the check found. */
  public enum Status { FOUND, METHOD_MISMATCH, NOT_FOUND }

  /** The outcome and the route fact it matched, if any. */
  public record Outcome(RouteRef ref, Status status, CodeFact match) {

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("method", ref.method());
      m.put("path", ref.path());
      m.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
      m.put("found", status == Status.FOUND);
      if (match != null) {
        m.put("location", match.location());
        m.put("declared", match.snippet());
      }
      return m;
    }
  }

  private RouteCheck() {}

  /** Looks {@code ref} up among {@code facts}. */
  public static Outcome check(RouteRef ref, List<CodeFact> facts) {
    String want = ref.normalizedPath();
    CodeFact samePath = null;
    for (CodeFact f : facts) {
      if (f.kind() != CodeFact.Kind.ROUTE) {
        continue;
      }
      String[] parts = f.summary().split(" ");
      if (parts.length < 3) {
        continue;
      }
      if (RouteRef.normalize(parts[2]).equals(want)) {
        if (parts[1].equals(ref.method())) {
          return new Outcome(ref, Status.FOUND, f);
        }
        samePath = samePath == null ? f : samePath;
      }
    }
    return new Outcome(ref, samePath != null ? Status.METHOD_MISMATCH : Status.NOT_FOUND, samePath);
  }
}
