package dev.analyzer.ai.review;

import java.util.List;
import java.util.Map;

/**
 * The JSON schema of one requirement verdict, used for {@code response_format} (HTTP), Ollama's
 * {@code format} and the in-process engine's grammar alike:
 * {@code {verdict: met|partial|not_found, confidence: HIGH|MEDIUM|LOW, explanation, evidence: [{file, line, quote}]}}.
 */
public final class VerdictSchema {

  public static final String NAME = "requirement_verdict";
  public static final int MAX_EVIDENCE = 5;

  private VerdictSchema() {}

  public static Map<String, Object> schema() {
    Map<String, Object> evidence = Map.of("type", "object", "properties", Map.of(
            "file", Map.of("type", "string"),
            "line", Map.of("type", "integer"),
            "quote", Map.of("type", "string")),
        "required", List.of("file", "line", "quote"), "additionalProperties", false);
    return Map.of("type", "object", "properties", Map.of(
            "verdict", Map.of("type", "string", "enum", List.of("met", "partial", "not_found")),
            "confidence", Map.of("type", "string", "enum", List.of("HIGH", "MEDIUM", "LOW")),
            "explanation", Map.of("type", "string"),
            "evidence", Map.of("type", "array", "items", evidence, "maxItems", MAX_EVIDENCE)),
        "required", List.of("verdict", "confidence", "explanation", "evidence"), "additionalProperties", false);
  }
}
