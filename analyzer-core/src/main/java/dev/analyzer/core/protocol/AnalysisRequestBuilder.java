package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link AnalysisRequest}; validation happens in {@link #build()}. Not thread-safe.
 */
public final class AnalysisRequestBuilder {

  private final MessageType type;
  private String id;
  private String analysisType;
  private String modelSlug;
  private Integer appNumber;
  private List<String> tools;
  private Map<String, Object> config = Map.of();
  private List<String> targetUrls;
  private String sourcePath;
  private Integer timeoutSeconds;
  private Instant timestamp;
  private final Map<String, Object> extra = new LinkedHashMap<>();

  AnalysisRequestBuilder(MessageType type) {
    this.type = type;
    this.id = Extras.newId();
  }

  AnalysisRequestBuilder(AnalysisRequest r) {
    this.type = r.type();
    this.id = r.id();
    this.analysisType = r.analysisType();
    this.modelSlug = r.modelSlug();
    this.appNumber = r.appNumber();
    this.tools = r.tools();
    this.config = r.config();
    this.targetUrls = r.targetUrls();
    this.sourcePath = r.sourcePath();
    this.timeoutSeconds = r.timeoutSeconds();
    this.timestamp = r.timestamp();
    this.extra.putAll(r.extra());
  }

  public AnalysisRequestBuilder withId(String id) {
    this.id = id;
    return this;
  }

  public AnalysisRequestBuilder withAnalysisType(String analysisType) {
    this.analysisType = analysisType;
    return this;
  }

  public AnalysisRequestBuilder withModelSlug(String modelSlug) {
    this.modelSlug = modelSlug;
    return this;
  }

  public AnalysisRequestBuilder withAppNumber(Integer appNumber) {
    this.appNumber = appNumber;
    return this;
  }

  public AnalysisRequestBuilder withTools(List<String> tools) {
    this.tools = tools;
    return this;
  }

  public AnalysisRequestBuilder withConfig(Map<String, ?> config) {
    this.config = config == null ? Map.of() : new LinkedHashMap<>(config);
    return this;
  }

  public AnalysisRequestBuilder withTargetUrls(List<String> targetUrls) {
    this.targetUrls = targetUrls;
    return this;
  }

  public AnalysisRequestBuilder withSourcePath(String sourcePath) {
    this.sourcePath = sourcePath;
    return this;
  }

  public AnalysisRequestBuilder withTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
    return this;
  }

  public AnalysisRequestBuilder withTimestamp(Instant timestamp) {
    this.timestamp = timestamp;
    return this;
  }

  /** Adds a field this record does not type, such as the performance tester's {@code users}. */
  public AnalysisRequestBuilder withExtra(String field, Object value) {
    this.extra.put(field, value);
    return this;
  }

  /**
   * @throws IllegalArgumentException naming the first invalid field
   */
  public AnalysisRequest build() {
    return new AnalysisRequest(type, id, analysisType, modelSlug, appNumber, tools, config, targetUrls,
        sourcePath, timeoutSeconds, timestamp, extra);
  }
}
