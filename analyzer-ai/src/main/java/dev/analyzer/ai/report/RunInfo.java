package dev.analyzer.ai.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a tool's result was made: provider, model, method, whether a language model was used, tokens,
 * cost when the provider reports it, duration, calls and cached answers. Immutable.
 *
 * @param provider {@code openrouter}, {@code openai}, {@code ollama}, {@code llamacpp}, {@code vllm},
 *     {@code llama.cpp-in-process}, or {@code none}
 * @param model the model name, or the embedding model for embedding-ir
 * @param method {@code llm}, {@code local-llm} or {@code embedding-ir}
 * @param llmUsed whether a language model answered any part
 * @param tokensIn prompt tokens
 * @param tokensOut completion tokens
 * @param costUsd the provider's reported cost, or null when it reports none
 * @param durationSeconds wall time of the tool
 * @param apiCalls model calls made (cached answers excluded)
 * @param cachedAnswers answers served from {@code AI_CACHE_DIR}
 */
public record RunInfo(String provider, String model, String method, boolean llmUsed, long tokensIn, long tokensOut,
    Double costUsd, double durationSeconds, int apiCalls, int cachedAnswers) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("provider", provider);
    m.put("model", model);
    m.put("method", method);
    m.put("llm_used", llmUsed);
    m.put("tokens_in", tokensIn);
    m.put("tokens_out", tokensOut);
    m.put("estimated_cost_usd", costUsd);
    m.put("duration_seconds", Math.round(durationSeconds * 1000) / 1000.0);
    m.put("api_calls_made", apiCalls);
    m.put("cached_answers", cachedAnswers);
    return m;
  }

  /** A copy with {@code seconds} as the duration. */
  public RunInfo withDuration(double seconds) {
    return new RunInfo(provider, model, method, llmUsed, tokensIn, tokensOut, costUsd, seconds, apiCalls, cachedAnswers);
  }
}
