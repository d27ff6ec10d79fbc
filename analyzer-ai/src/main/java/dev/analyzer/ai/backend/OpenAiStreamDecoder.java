package dev.analyzer.ai.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * OpenAI chat-completion chunks over SSE: {@code choices[0].delta.content} appended,
 * {@code finish_reason} kept, {@code usage} (with OpenRouter's {@code cost}) read from any chunk,
 * {@code [DONE]} ends, an {@code error} object inside the stream (OpenRouter's way of failing
 * after the 200) fails it. A body that is one JSON completion (a server that ignored
 * {@code stream}) is decoded too. Not thread-safe.
 */
final class OpenAiStreamDecoder implements StreamDecoder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String provider;
  private final boolean eventStream;
  private final SseEvents events = new SseEvents(this::event);
  private final StringBuilder content = new StringBuilder();
  private final StringBuilder plainBody = new StringBuilder();
  private String finishReason;
  private String model;
  private long promptTokens;
  private long completionTokens;
  private Double cost;
  private boolean done;
  private BackendException failure;

  private final UnaryOperator<String> scrub;

  OpenAiStreamDecoder(String provider, boolean eventStream) {
    this(provider, eventStream, UnaryOperator.identity());
  }

  /** A decoder whose error texts pass through {@code scrub} before they are shortened. */
  OpenAiStreamDecoder(String provider, boolean eventStream, UnaryOperator<String> scrub) {
    this.provider = provider;
    this.eventStream = eventStream;
    this.scrub = scrub;
  }

  @Override
  public void line(String line) {
    if (failure != null || done) {
      return;
    }
    if (eventStream) {
      events.line(line);
    } else {
      plainBody.append(line).append('\n');
    }
  }

  @Override
  public void end() {
    if (eventStream) {
      events.end();
      // A stream that gave its finish_reason and then closed without [DONE] (some servers do) is whole.
      done = done || failure == null && finishReason != null;
    } else if (failure == null) {
      chunk(plainBody.toString(), true);
      done = failure == null && finishReason != null;
    }
  }

  private void event(SseEvents.Event e) {
    if (failure != null || done) {
      return;
    }
    if (e.data().strip().equals("[DONE]")) {
      done = true;
      return;
    }
    chunk(e.data(), false);
  }

  private void chunk(String data, boolean whole) {
    JsonNode n;
    try {
      n = JSON.readTree(data);
    } catch (IOException ex) {
      failure = new BackendException(BackendException.Kind.PROTOCOL, 0, true, provider + " sent a chunk that is not "
          + "JSON: " + abbreviate(scrub.apply(data)), ex);
      return;
    }
    if (n == null || !n.isObject()) {
      return;
    }
    if (n.hasNonNull("error")) {
      JsonNode err = n.get("error");
      String msg = err.isObject() ? err.path("message").asText(err.toString()) : err.asText();
      failure = BackendException.inStream(provider, err, abbreviate(scrub.apply(msg)));
      return;
    }
    if (n.hasNonNull("model")) {
      model = n.get("model").asText();
    }
    JsonNode choice = n.path("choices").path(0);
    JsonNode piece = whole ? choice.path("message").path("content") : choice.path("delta").path("content");
    if (piece.isTextual()) {
      content.append(piece.asText());
    }
    if (choice.hasNonNull("finish_reason")) {
      finishReason = choice.get("finish_reason").asText();
      if (finishReason.equals("error")) {
        failure = new BackendException(BackendException.Kind.STREAM_ERROR, 0, true, provider
            + " ended the stream with finish_reason error", null);
      }
    }
    JsonNode usage = n.path("usage");
    if (usage.isObject()) {
      promptTokens = usage.path("prompt_tokens").asLong(promptTokens);
      completionTokens = usage.path("completion_tokens").asLong(completionTokens);
      if (usage.hasNonNull("cost")) {
        cost = usage.get("cost").asDouble();
      }
    }
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
    return new ChatAnswer(content.toString(), promptTokens, completionTokens, cost, finishReason, model, false, attempts);
  }

  /** Comment lines seen. */
  int keepAlives() {
    return events.comments();
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 300 ? one.substring(0, 300) + "…" : one;
  }
}
