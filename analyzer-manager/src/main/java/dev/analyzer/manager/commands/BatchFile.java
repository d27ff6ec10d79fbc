package dev.analyzer.manager.commands;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.services.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a batch file, a JSON list of apps {@code [{"model","app","source","urls","types","tools"}]}, into
 * one {@link AnalyzeOptions} per entry. Every problem is one line in plain words naming the entry by
 * its 1-based position; all of them are reported at once. Stateless.
 */
final class BatchFile {

  private static final Set<String> KEYS = Set.of("model", "app", "source", "urls", "types", "tools");

  private BatchFile() {}

  /**
   * @throws IllegalArgumentException (usage) with one line per problem
   */
  static List<AnalyzeOptions> read(Path file, List<String> defaultTypes, Duration timeout, boolean allowMissing)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("batch file not found: " + file);
    }
    JsonNode list;
    try {
      list = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException("batch file " + file + " is not valid JSON: " + plain(e)
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("batch file " + file + " must hold a JSON list of apps, like "
          + "[{\"model\": \"m\", \"app\": 1, \"source\": \"apps/m/app1\"}]");
    }
    List<String> problems = new ArrayList<>();
    List<AnalyzeOptions> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        out.add(entry(file, list.get(i), defaultTypes, timeout, allowMissing));
      } catch (IllegalArgumentException e) {
        problems.add("batch file " + file.getFileName() + ", entry " + (i + 1) + " of " + list.size() + ": "
            + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return out;
  }

  private static AnalyzeOptions entry(Path file, JsonNode n, List<String> defaultTypes, Duration timeout,
      boolean allowMissing) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("must be an object like {\"model\": \"m\", \"app\": 1, \"source\": \"dir\"}, got "
          + kind(n));
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown key \"" + k + "\" (known: model, app, source, urls, types, tools)");
      }
    }
    if (!n.path("model").isTextual() || n.get("model").asText().isBlank()) {
      throw new IllegalArgumentException("needs \"model\" as a text, like \"model\": \"openai/gpt-4\""
          + (n.has("model") ? ", got " + kind(n.get("model")) : ""));
    }
    int app = 1;
    if (n.has("app")) {
      if (!n.get("app").canConvertToInt() || !n.get("app").isIntegralNumber() || n.get("app").asInt() < 0) {
        throw new IllegalArgumentException("\"app\" must be a whole number >= 0, got " + n.get("app"));
      }
      app = n.get("app").asInt();
    }
    Path source = null;
    if (n.hasNonNull("source")) {
      if (!n.get("source").isTextual()) {
        throw new IllegalArgumentException("\"source\" must be a directory path as text, got " + kind(n.get("source")));
      }
      source = file.toAbsolutePath().getParent().resolve(n.get("source").asText()).normalize();
    }
    List<String> urls = strings(n.get("urls"), "urls");
    List<String> types = n.hasNonNull("types") ? strings(n.get("types"), "types") : defaultTypes;
    List<ServiceSpec> services = Selection.forInputs(types, source != null, !urls.isEmpty());
    return new AnalyzeOptions(source, urls, services, n.get("model").asText(), app, strings(n.get("tools"), "tools"), timeout,
        null, allowMissing, null);
  }

  private static List<String> strings(JsonNode v, String key) {
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isTextual()) {
      for (String s : v.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
      return out;
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException("\"" + key + "\" must be a text or a list of texts, got " + kind(v));
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new IllegalArgumentException("\"" + key + "\" must list texts, got " + kind(e));
      }
      out.add(e.asText());
    }
    return out;
  }

  private static String kind(JsonNode n) {
    if (n.isTextual()) {
      return "the text \"" + n.asText() + "\"";
    }
    if (n.isNumber()) {
      return "the number " + n.asText();
    }
    return n.isArray() ? "a list" : n.isObject() ? "an object" : n.isBoolean() ? n.asText() : "null";
  }

  /** The parser's complaint in plain words, without its internals. */
  private static String plain(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.contains("end-of-input")) {
      return "it ends too early (a closing ] or } or \" is missing)";
    }
    if (m.startsWith("Unexpected character")) {
      int q = m.indexOf('\'');
      String ch = q >= 0 && m.indexOf('\'', q + 1) > q ? m.substring(q, m.indexOf('\'', q + 1) + 1) : "a character";
      return "unexpected " + ch + " where a value, a comma or a closing bracket should be (a missing comma or quote?)";
    }
    if (m.startsWith("Unrecognized token")) {
      return "a word that is not JSON (texts need double quotes)";
    }
    return "it cannot be read as JSON";
  }
}
