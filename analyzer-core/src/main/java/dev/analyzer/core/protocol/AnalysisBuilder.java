package dev.analyzer.core.protocol;

import dev.analyzer.core.findings.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link Analysis}. {@link #forRequest} copies the request's model and app;
 * {@link #withToolResult} files a tool's record under {@code results[group][tool]} (or
 * {@code results[tool]} without a group) and lists executed tools in {@code tools_used}. Not
 * thread-safe.
 */
public final class AnalysisBuilder {

  private String modelSlug;
  private Integer appNumber;
  private String analysisTime;
  private String status;
  private List<String> toolsUsed;
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final Map<String, Object> summary = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private String error;
  private final Map<String, Object> extra = new LinkedHashMap<>();

  AnalysisBuilder() {}

  /** Copies {@code model_slug} and {@code app_number} from the request. */
  public AnalysisBuilder forRequest(AnalysisRequest request) {
    this.modelSlug = request.modelSlug();
    this.appNumber = request.appNumber();
    return this;
  }

  public AnalysisBuilder withAnalysisTime(Instant time) {
    this.analysisTime = time == null ? null : time.toString();
    return this;
  }

  /** The inner status the original services set ({@code success}, {@code partial}, {@code error}). */
  public AnalysisBuilder withStatus(String status) {
    this.status = status;
    return this;
  }

  /** Files {@code result} under {@code results[group][tool]}; {@code group} may be {@code null}. */
  @SuppressWarnings("unchecked")
  public AnalysisBuilder withToolResult(String group, ToolResult result) {
    if (group == null) {
      results.put(result.tool(), result.toMap());
    } else {
      Object existing = results.get(group);
      Map<String, Object> inGroup = existing instanceof Map
          ? new LinkedHashMap<>((Map<String, Object>) existing) : new LinkedHashMap<>();
      inGroup.put(result.tool(), result.toMap());
      results.put(group, inGroup);
    }
    if (result.executed()) {
      if (toolsUsed == null) {
        toolsUsed = new ArrayList<>();
      }
      if (!toolsUsed.contains(result.tool())) {
        toolsUsed.add(result.tool());
      }
    }
    return this;
  }

  /** Puts any value under {@code results[key]}. */
  public AnalysisBuilder withResult(String key, Object value) {
    results.put(key, value);
    return this;
  }

  public AnalysisBuilder withSummary(String key, Object value) {
    summary.put(key, value);
    return this;
  }

  public AnalysisBuilder withFindings(List<Finding> findings) {
    this.findings.addAll(findings);
    return this;
  }

  public AnalysisBuilder withError(String error) {
    this.error = error;
    return this;
  }

  public AnalysisBuilder withExtra(String key, Object value) {
    extra.put(key, value);
    return this;
  }

  /**
   * @throws IllegalArgumentException when a value is not JSON or an extra shadows a typed field
   */
  public Analysis build() {
    return new Analysis(modelSlug, appNumber, analysisTime, status, toolsUsed, results, summary, findings, error,
        extra);
  }
}
