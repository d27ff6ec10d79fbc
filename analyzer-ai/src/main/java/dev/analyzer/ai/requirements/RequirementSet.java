package dev.analyzer.ai.requirements;

import java.util.List;

/**
 * The requirements of one analysis and where they came from, plus the endpoints the template lists
 * for control tests. Immutable.
 *
 * @param requirements what to check, in order
 * @param source where they came from ({@code config.requirements}, a file path, or {@code template <slug>})
 * @param templateSlug the template slug, or null
 * @param endpoints template endpoints for control tests (may be empty)
 * @param truncatedFrom how many requirements the source listed when more than were kept, else 0
 */
public record RequirementSet(List<Requirement> requirements, String source, String templateSlug,
    List<Endpoint> endpoints, int truncatedFrom) {

  public RequirementSet {
    requirements = List.copyOf(requirements);
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  /** A set that holds everything its source listed. */
  public RequirementSet(List<Requirement> requirements, String source, String templateSlug, List<Endpoint> endpoints) {
    this(requirements, source, templateSlug, endpoints, 0);
  }

  /** True when the source listed more requirements than were kept. */
  public boolean truncated() {
    return truncatedFrom > requirements.size();
  }

  /**
   * An endpoint a template lists.
   *
   * @param method HTTP method
   * @param path path such as {@code /api/todos/:id}
   * @param description what it does
   * @param requestJson the template's example body as JSON text, or null
   * @param admin whether it is an admin endpoint
   */
  public record Endpoint(String method, String path, String description, String requestJson, boolean admin) {}
}
