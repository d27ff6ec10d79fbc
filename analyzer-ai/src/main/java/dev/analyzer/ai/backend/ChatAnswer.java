package dev.analyzer.ai.backend;

/**
 * A model's answer. Immutable.
 *
 * @param content the text (JSON when a schema was asked for)
 * @param promptTokens prompt tokens the provider reported (or estimated by the engine)
 * @param completionTokens completion tokens
 * @param costUsd the cost the provider reported, or null
 * @param finishReason {@code stop}, {@code length}, ... or null
 * @param model the model that answered, as the provider named it
 * @param cached whether it came from the cache
 * @param attempts HTTP attempts it took (1 without retries)
 */
public record ChatAnswer(String content, long promptTokens, long completionTokens, Double costUsd,
    String finishReason, String model, boolean cached, int attempts) {

  /** The same answer marked as coming from the cache. */
  public ChatAnswer asCached() {
    return new ChatAnswer(content, promptTokens, completionTokens, null, finishReason, model, true, 0);
  }

  /** True when the model stopped at max_tokens. */
  public boolean truncated() {
    return "length".equals(finishReason);
  }
}
