package dev.analyzer.ai.backend;

import java.util.List;
import java.util.Map;

/**
 * One chat completion asked of a model: messages, the JSON schema the answer must follow, and the
 * completion cap. Immutable.
 *
 * @param messages role/content pairs in order ({@code system}, {@code user}, {@code assistant})
 * @param schemaName a short name for the schema ({@code requirement_verdict})
 * @param schema the JSON schema (as JSON-ready maps) of the answer
 * @param maxTokens {@code max_tokens}
 */
public record ChatRequest(List<Message> messages, String schemaName, Map<String, Object> schema, int maxTokens) {

  /** One message. */
  public record Message(String role, String content) {}

  public ChatRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
    }
  }

  /** A system and a user message. */
  public static ChatRequest of(String system, String user, String schemaName, Map<String, Object> schema,
      int maxTokens) {
    return new ChatRequest(List.of(new Message("system", system), new Message("user", user)), schemaName, schema,
        maxTokens);
  }

  /** This request followed by the model's answer and a new user message (a repair turn). */
  public ChatRequest followUp(String assistant, String user) {
    List<Message> m = new java.util.ArrayList<>(messages);
    m.add(new Message("assistant", assistant));
    m.add(new Message("user", user));
    return new ChatRequest(m, schemaName, schema, maxTokens);
  }

  /** Characters of all messages (for budget estimates: about four a token). */
  public int characters() {
    return messages.stream().mapToInt(x -> x.content().length()).sum();
  }
}
