package dev.analyzer.client.dedup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.analyzer.core.protocol.AnalysisRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two requests the same analysis: service, kind, model_slug, app_number, source_path,
 * the selected tools (lowercased, sorted), the target URLs (sorted) and a canonical form of config
 * (keys sorted at every level) and of the other fields. The request id and timestamp do not count
 * (the original's key included a task id, so it never merged anything).
 *
 * @param canonical the canonical JSON text
 */
public record DedupKey(String canonical) {

  private static final ObjectMapper SORTED = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** The key of {@code request} sent to {@code service}. */
  public static DedupKey of(String service, AnalysisRequest request) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("service", service);
    k.put("kind", request.kind().wire());
    k.put("model_slug", request.modelSlug());
    k.put("app_number", request.appNumber());
    k.put("source_path", request.sourcePath());
    List<String> tools = new ArrayList<>(request.selectedTools());
    tools.sort(null);
    k.put("tools", tools);
    List<String> targets = new ArrayList<>(request.targetUrls() == null ? List.of() : request.targetUrls());
    targets.sort(null);
    k.put("targets", targets);
    k.put("config", new TreeMap<>(request.config()));
    Map<String, Object> extra = new TreeMap<>(request.extra());
    extra.remove("selected_tools");
    k.put("extra", extra);
    try {
      return new DedupKey(SORTED.writeValueAsString(k));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request cannot be keyed: " + e.getOriginalMessage(), e);
    }
  }
}
