package dev.analyzer.ai.quality;

/** The original's eight code-quality metrics and their weights. */
public enum QualityMetric {
  ERROR_HANDLING("error_handling", "Error Handling", 1.5),
  TYPE_SAFETY("type_safety", "Type Safety", 1.2),
  CODE_ORGANIZATION("code_organization", "Code Organization", 1.0),
  DOCUMENTATION("documentation", "Documentation", 0.8),
  ANTI_PATTERNS("anti_patterns", "Anti-Patterns", 1.5),
  SECURITY_PRACTICES("security_practices", "Security Practices", 1.3),
  PERFORMANCE_PATTERNS("performance_patterns", "Performance Patterns", 1.0),
  TESTING_READINESS("testing_readiness", "Testing Readiness", 0.7);

  /** Score at or above which a metric passes. */
  public static final double PASS_SCORE = 60;

  private final String id;
  private final String title;
  private final double weight;

  QualityMetric(String id, String title, double weight) {
    this.id = id;
    this.title = title;
    this.weight = weight;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public double weight() {
    return weight;
  }

  /** The metric with wire id {@code id}, or null. */
  public static QualityMetric fromId(String id) {
    for (QualityMetric m : values()) {
      if (m.id.equals(id)) {
        return m;
      }
    }
    return null;
  }
}
