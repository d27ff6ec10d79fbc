package dev.analyzer.ai.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a model's verdict answer and checks it against {@link VerdictSchema}: a JSON object (code
 * fences tolerated) with a known verdict and confidence, a string explanation and well-formed
 * evidence. Stateless.
 */
final class VerdictParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A parsed answer. */
  record Parsed(Verdict verdict, String confidence, String explanation, List<Evidence> evidence) {}

  /** The answer does not follow the schema; the message says how. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  private VerdictParser() {}

  static Parsed parse(String content) throws Invalid {
    String t = content.strip();
    if (t.startsWith("```")) {
      t = t.replaceFirst("^```(?:json)?\\s*", "").replaceFirst("\\s*```$", "");
    }
    JsonNode n;
    try {
      n = JSON.readTree(t);
    } catch (IOException e) {
      throw new Invalid("not valid JSON (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ")");
    }
    if (n == null || !n.isObject()) {
      throw new Invalid("not a JSON object");
    }
    Verdict v = Verdict.fromWire(n.path("verdict").asText(null))
        .orElseThrow(() -> new Invalid("verdict must be met, partial or not_found, got " + n.path("verdict")));
    String conf = n.path("confidence").asText("").toUpperCase(Locale.ROOT);
    if (!List.of("HIGH", "MEDIUM", "LOW").contains(conf)) {
      throw new Invalid("confidence must be HIGH, MEDIUM or LOW, got " + n.path("confidence"));
    }
    if (!n.path("explanation").isTextual()) {
      throw new Invalid("explanation must be a string");
    }
    List<Evidence> ev = new ArrayList<>();
    JsonNode arr = n.path("evidence");
    if (!arr.isMissingNode() && !arr.isArray()) {
      throw new Invalid("evidence must be an array");
    }
    for (JsonNode e : arr) {
      if (!e.path("file").isTextual() || !e.path("line").canConvertToInt()) {
        throw new Invalid("each evidence item needs a file (string) and a line (integer)");
      }
      if (ev.size() < VerdictSchema.MAX_EVIDENCE) {
        ev.add(new Evidence(e.get("file").asText(), e.get("line").asInt(), e.path("quote").asText(""), null));
      }
    }
    return new Parsed(v, conf, n.get("explanation").asText(), ev);
  }
}
