package dev.analyzer.core.protocol;

import dev.analyzer.core.json.FrozenJson;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A terminal analysis request: {@code static_analyze}, {@code dynamic_analyze},
 * {@code performance_test}/{@code performance_analysis}, {@code ai_analyze}/{@code ai_analysis}, or
 * the generic {@code analysis_request} routed by {@code analysis_type}. After its reply the service
 * closes the connection with 1000 "Analysis complete".
 *
 * <p>Fields a service reads but this record does not type (the performance tester's
 * {@code target_url}, {@code selected_tools}, {@code users}, {@code duration}, ...) stay in
 * {@link #extra()}.
 *
 * @param type the request type; a terminal request type
 * @param id the analysis id, echoed as {@code correlation_id} by every reply; generated when absent
 * @param analysisType the {@code analysis_type} of an {@code analysis_request}, else {@code null}
 * @param modelSlug the model whose app is analysed, or {@code null}
 * @param appNumber the app number, or {@code null}
 * @param tools the selected tools; {@code null} or empty means all
 * @param config per-tool options such as {@code {"bandit":{"enabled":false}}}; never {@code null}
 * @param targetUrls URLs of the running app (dynamic, performance, ai), or {@code null}
 * @param sourcePath the source directory (static, ai), or {@code null}
 * @param timeoutSeconds the caller's deadline for the analysis, or {@code null} for the service default
 * @param timestamp when the caller sent it, or {@code null}
 * @param extra unknown fields
 */
public record AnalysisRequest(
    MessageType type,
    String id,
    String analysisType,
    String modelSlug,
    Integer appNumber,
    List<String> tools,
    Map<String, Object> config,
    List<String> targetUrls,
    String sourcePath,
    Integer timeoutSeconds,
    Instant timestamp,
    Map<String, Object> extra) implements Message {

  static final Set<String> FIELDS = Set.of("type", "id", "analysis_type", "model_slug", "app_number",
      "tools", "config", "target_urls", "source_path", "timeout_seconds", "timestamp");

  public AnalysisRequest {
    if (type == null || !type.isTerminalRequest()) {
      throw new IllegalArgumentException("not an analysis request type: " + type);
    }
    id = Extras.requireText(id, type.wire() + " id");
    if (type == MessageType.ANALYSIS_REQUEST && AnalysisKind.fromAnalysisType(analysisType).isEmpty()) {
      throw new IllegalArgumentException("analysis_request needs analysis_type static, security, "
          + "dynamic, performance or ai, got " + analysisType);
    }
    if (timeoutSeconds != null && timeoutSeconds <= 0) {
      throw new IllegalArgumentException("timeout_seconds must be > 0, got " + timeoutSeconds);
    }
    tools = tools == null ? null : List.copyOf(tools);
    targetUrls = targetUrls == null ? null : List.copyOf(targetUrls);
    config = FrozenJson.copyOf(config);
    extra = Extras.checked(extra, FIELDS, type);
  }

  /** A builder for a request of {@code kind}'s canonical type with a fresh id. */
  public static AnalysisRequestBuilder builder(AnalysisKind kind) {
    return new AnalysisRequestBuilder(kind.requestType());
  }

  /** A builder for a request of exactly {@code type} with a fresh id. */
  public static AnalysisRequestBuilder builder(MessageType type) {
    return new AnalysisRequestBuilder(type);
  }

  /** A builder pre-filled with this request's fields. */
  public AnalysisRequestBuilder toBuilder() {
    return new AnalysisRequestBuilder(this);
  }

  /** Which analysis this requests, from the type or, for {@code analysis_request}, its analysis_type. */
  public AnalysisKind kind() {
    return type.analysisKind()
        .orElseGet(() -> AnalysisKind.fromAnalysisType(analysisType).orElseThrow());
  }

  /**
   * The tools to run, lowercased, as the original chose them: {@code tools}, else
   * {@code config.tools}, else {@code selected_tools}. Empty means every available tool.
   */
  public Set<String> selectedTools() {
    List<?> chosen = tools;
    if (chosen == null || chosen.isEmpty()) {
      chosen = listOrNull(config.get("tools"));
    }
    if (chosen == null || chosen.isEmpty()) {
      chosen = listOrNull(extra.get("selected_tools"));
    }
    if (chosen == null) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object t : chosen) {
      if (t instanceof String && !((String) t).isBlank()) {
        out.add(((String) t).trim().toLowerCase(Locale.ROOT));
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /** The options of one tool ({@code config.<tool>}), or an empty map. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> toolConfig(String tool) {
    Object c = config.get(tool);
    return c instanceof Map ? (Map<String, Object>) c : Map.of();
  }

  /** False when {@code config.<tool>.enabled} is {@code false}. */
  public boolean isToolEnabled(String tool) {
    return !Boolean.FALSE.equals(toolConfig(tool).get("enabled"));
  }

  private static List<?> listOrNull(Object o) {
    if (o instanceof List) {
      return (List<?>) o;
    }
    if (o instanceof String) {
      return List.of(((String) o).split(","));
    }
    return null;
  }

  static AnalysisRequest read(MessageType type, FieldReader r) {
    String id = r.string("id");
    if (id == null || id.isBlank()) {
      id = Extras.newId();
    }
    r.correlationId(id);
    String analysisType = r.string("analysis_type");
    if (type == MessageType.ANALYSIS_REQUEST && analysisType == null) {
      throw r.missing("analysis_type", "one of static, security, dynamic, performance, ai");
    }
    if (type == MessageType.ANALYSIS_REQUEST && AnalysisKind.fromAnalysisType(analysisType).isEmpty()) {
      throw new ProtocolException(ErrorCode.INVALID_REQUEST, "analysis_request: field 'analysis_type' "
          + "must be one of static, security, dynamic, performance, ai, got \"" + analysisType + "\"",
          "analysis_type", id);
    }
    Integer timeout = r.integer("timeout_seconds");
    if (timeout != null && timeout <= 0) {
      throw new ProtocolException(ErrorCode.INVALID_REQUEST, type.wire()
          + ": field 'timeout_seconds' must be a positive integer, got " + timeout, "timeout_seconds", id);
    }
    return new AnalysisRequest(type, id, analysisType, r.string("model_slug"), r.integer("app_number"),
        r.stringList("tools"), r.object("config"), r.stringList("target_urls"), r.string("source_path"),
        timeout, r.instant("timestamp"), r.rest());
  }

  void write(FieldWriter w) {
    w.string("id", id).string("analysis_type", analysisType).string("model_slug", modelSlug)
        .value("app_number", appNumber).value("tools", tools)
        .value("config", config.isEmpty() ? null : config).value("target_urls", targetUrls)
        .string("source_path", sourcePath).value("timeout_seconds", timeoutSeconds)
        .instant("timestamp", timestamp).extra(extra);
  }
}
