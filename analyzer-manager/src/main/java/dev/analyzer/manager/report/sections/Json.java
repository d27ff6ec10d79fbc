package dev.analyzer.manager.report.sections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Defensive reading of a service's reply: the shapes of the newer services are not final, so the
 * sections look for what they need (an object with {@code latency_ms}, a list of requirement
 * verdicts) anywhere in the reply, with bounded depth, and treat anything else as absent. Stateless.
 */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_DEPTH = 8;

  private Json() {}

  /** The reply as a tree, or a missing node. */
  static JsonNode of(Message reply) {
    if (reply == null) {
      return MissingNode.getInstance();
    }
    try {
      return MAPPER.readTree(ProtocolCodec.create().encode(reply));
    } catch (Exception e) {
      return MissingNode.getInstance();
    }
  }

  /** Every object under {@code root} (itself included) that {@code match} accepts, with the path of keys to it. */
  static List<Map.Entry<String, JsonNode>> find(JsonNode root, Predicate<JsonNode> match) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    walk(root, "", match, out, 0);
    return out;
  }

  private static void walk(JsonNode n, String path, Predicate<JsonNode> match, List<Map.Entry<String, JsonNode>> out,
      int depth) {
    if (n == null || depth > MAX_DEPTH || out.size() > 200) {
      return;
    }
    if (match.test(n)) {
      out.add(Map.entry(path, n));
      return;
    }
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("sarif_export") && !e.getKey().equals("sarif")) {
          walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), match, out, depth + 1);
        }
      }
    } else if (n.isArray()) {
      int i = 0;
      for (JsonNode e : n) {
        walk(e, path + "[" + i++ + "]", match, out, depth + 1);
      }
    }
  }

  /** {@code found} without the entries whose value repeats an earlier one (replies repeat records under tool_runs). */
  static List<Map.Entry<String, JsonNode>> distinct(List<Map.Entry<String, JsonNode>> found) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    java.util.Set<JsonNode> seen = new java.util.HashSet<>();
    for (Map.Entry<String, JsonNode> e : found) {
      if (seen.add(e.getValue())) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first of {@code keys} that {@code n} has as a number, or null. */
  static Double number(JsonNode n, String... keys) {
    for (String k : keys) {
      JsonNode v = n.get(k);
      if (v != null && v.isNumber()) {
        return v.asDouble();
      }
    }
    return null;
  }

  /** The first of {@code keys} that {@code n} has as a non-empty text, or null. */
  static String text(JsonNode n, String... keys) {
    for (String k : keys) {
      JsonNode v = n.get(k);
      if (v != null && v.isValueNode() && !v.asText().isEmpty()) {
        return v.asText();
      }
    }
    return null;
  }
}
