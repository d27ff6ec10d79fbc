package dev.analyzer.manager.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A requirements file for the AI review, {@code {"requirements": [{"id", "text", "category"}]}} (or the
 * bare list), read by the CLI so that its requirements travel inline in the request. Stateless.
 */
final class Requirements {

  private static final long MAX_BYTES = 1 << 20;

  private Requirements() {}

  static List<Map<String, Object>> load(Path file, ProjectConfig.Keys k, String key) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw k.bad(key, "names " + file + ", which does not exist");
    }
    if (Files.size(file) > MAX_BYTES) {
      throw k.bad(key, "names " + file + ", which is larger than 1 MiB");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw k.bad(key, "names " + file + ", which is not valid JSON (line " + e.getLocation().getLineNr() + ")");
    }
    JsonNode list = root != null && root.isObject() ? root.get("requirements") : root;
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw k.bad(key, "names " + file + ", which has no \"requirements\" list");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    int i = 0;
    for (JsonNode r : list) {
      i++;
      if (!r.isObject() || !r.path("text").isTextual()) {
        throw k.bad(key, "names " + file + ": requirement " + i + " needs a \"text\"");
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.path("id").isTextual() ? r.get("id").asText() : "REQ-" + i);
      m.put("text", r.get("text").asText());
      if (r.path("category").isTextual()) {
        m.put("category", r.get("category").asText());
      }
      out.add(m);
    }
    return out;
  }
}
