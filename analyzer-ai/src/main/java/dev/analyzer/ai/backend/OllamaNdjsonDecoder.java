package dev.analyzer.ai.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * Ollama's native {@code /api/chat} stream: one JSON object per line, {@code message.content}
 * appended, the last with {@code "done": true}, {@code done_reason}, {@code prompt_eval_count} and
 * {@code eval_count}; an {@code error} line fails it. Not thread-safe.
 */
final class OllamaNdjsonDecoder implements StreamDecoder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StringBuilder content = new StringBuilder();
  private String finishReason;
  private String model;
  private long promptTokens;
  private long completionTokens;
  private boolean done;
  private BackendException failure;
  private final UnaryOperator<String> scrub;

  OllamaNdjsonDecoder() {
    this(UnaryOperator.identity());
  }

  /** A decoder whose error texts pass through {@code scrub} before they are shortened. */
  OllamaNdjsonDecoder(UnaryOperator<String> scrub) {
    this.scrub = scrub;
  }

  @Override
  public void line(String line) {
    if (failure != null || done || line.isBlank()) {
      return;
    }
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (IOException e) {
      failure = new BackendException(BackendException.Kind.PROTOCOL, 0, true, "ollama sent a line that is not JSON: "
          + OpenAiStreamDecoder.abbreviate(scrub.apply(line)), e);
      return;
    }
    if (n.hasNonNull("error")) {
      JsonNode err = n.get("error");
      failure = BackendException.inStream("ollama", err, OpenAiStreamDecoder.abbreviate(scrub.apply(err.isObject()
          ? err.path("message").asText(err.toString()) : err.asText())));
      return;
    }
    if (n.hasNonNull("model")) {
      model = n.get("model").asText();
    }
    JsonNode piece = n.path("message").path("content");
    if (piece.isTextual()) {
      content.append(piece.asText());
    }
    if (n.path("done").asBoolean(false)) {
      done = true;
      finishReason = n.path("done_reason").asText("stop");
      promptTokens = n.path("prompt_eval_count").asLong(0);
      completionTokens = n.path("eval_count").asLong(0);
    }
  }

  @Override
  public void end() {
    // NDJSON has no trailer; completeness is the "done" line.
  }

  @Override
  public boolean complete() {
    return done;
  }

  @Override
  public BackendException failure() {
    return failure;
  }

  @Override
  public ChatAnswer answer(int attempts) {
    return new ChatAnswer(content.toString(), promptTokens, completionTokens, null, finishReason, model, false, attempts);
  }
}
