package dev.analyzer.ai.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP backend on the JDK {@link HttpClient}: OpenAI chat completions streamed over SSE (or
 * Ollama's native NDJSON), {@code response_format} json_schema with a json_object fallback when the
 * server refuses the schema (400 naming it), retries on 429, 5xx, network failures, early ends and
 * in-stream errors with {@code Retry-After} honoured and capped jittered backoff, no retry on other
 * 4xx, every call bounded by its deadline, and cancellation closing the stream at once. The key
 * goes only into the {@code Authorization} header; messages never contain it. Thread-safe.
 */
public final class OpenAiCompatibleBackend implements ChatBackend {

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleBackend.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpBackendConfig config;
  private final HttpClient client;
  private final AtomicBoolean schemaSupported = new AtomicBoolean(true);
  private final KeyScrubber scrubber;

  public OpenAiCompatibleBackend(HttpBackendConfig config) {
    this.config = config;
    this.scrubber = new KeyScrubber(config.key());
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String provider() {
    return config.preset().wire();
  }

  @Override
  public String model() {
    return config.model();
  }

  @Override
  public String method() {
    return "llm";
  }

  @Override
  public ChatAnswer complete(ChatRequest request, CallLimits limits) throws BackendException {
    Instant now = config.clock().instant();
    Instant callDeadline = now.plus(config.callTimeout());
    Instant deadline = limits.deadline().isBefore(callDeadline) ? limits.deadline() : callDeadline;
    boolean fellBack = false;
    Usage spent = Usage.NONE;
    for (int attempt = 1; ; attempt++) {
      if (limits.cancelled().getAsBoolean()) {
        throw new BackendException(BackendException.Kind.CANCELLED, provider() + " call cancelled")
            .withUsage(spent);
      }
      try {
        ChatAnswer a = attempt(request, deadline, limits, attempt);
        Usage all = spent.plus(Usage.of(a.promptTokens(), a.completionTokens(), a.costUsd()));
        return new ChatAnswer(a.content(), all.promptTokens(), all.completionTokens(), all.costUsd(), a.finishReason(),
            a.model(), false, all.attempts());
      } catch (BackendException e) {
        spent = spent.plus(e.usage());
        if (e.status() == 400 && schemaSupported.get() && !fellBack && mentionsSchema(e.getMessage())) {
          schemaSupported.set(false);
          fellBack = true;
          LOG.info("{} refused response_format json_schema; using json_object", provider());
          if (!limits.beforeRetry().test(spent.attempts() + 1)) {
            throw overBudget(e, spent);
          }
          attempt--;
          continue;
        }
        if (!e.retryable() || attempt > config.maxRetries()) {
          throw (attempt > 1 && e.retryable() ? new BackendException(e.kind(), e.status(), false,
              e.getMessage() + " (after " + attempt + " attempts)", e) : e).withUsage(spent);
        }
        Duration delay = config.backoff().delay(attempt, e.retryAfter());
        if (config.clock().instant().plus(delay).isAfter(deadline)) {
          throw new BackendException(BackendException.Kind.TIMEOUT, e.status(), false, e.getMessage()
              + "; the next attempt (in " + delay.toMillis() + " ms) would pass the call's deadline", e)
              .withUsage(spent);
        }
        if (!limits.beforeRetry().test(spent.attempts() + 1)) {
          throw overBudget(e, spent);
        }
        LOG.info("{} attempt {} failed ({}); retrying in {} ms", provider(), attempt, e.getMessage(), delay.toMillis());
        try {
          config.sleeper().sleep(delay);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new BackendException(BackendException.Kind.CANCELLED, provider() + " call interrupted")
              .withUsage(spent);
        }
      }
    }
  }

  private BackendException overBudget(BackendException e, Usage spent) {
    return new BackendException(BackendException.Kind.BUDGET, e.status(), false, e.getMessage() + "; retry "
        + (spent.attempts() + 1) + " not sent: AI_TOKEN_BUDGET has no room for it", e).withUsage(spent);
  }

  private ChatAnswer attempt(ChatRequest request, Instant deadline, CallLimits limits, int attempt)
      throws BackendException {
    Duration remaining = Duration.between(config.clock().instant(), deadline);
    if (remaining.isNegative() || remaining.isZero()) {
      throw new BackendException(BackendException.Kind.TIMEOUT, provider() + " call passed its deadline");
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint()).timeout(remaining)
        .header("Content-Type", "application/json")
        .header("Accept", config.preset().nativeOllama() ? "application/x-ndjson" : "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(request)));
    config.preset().headers().forEach(b::header);
    if (config.key() != null) {
      b.header("Authorization", "Bearer " + config.key().reveal());
    }
    AtomicReference<StreamDecoder> decoder = new AtomicReference<>();
    StreamingCall call = new StreamingCall().start(client, b.build(), info -> config.preset().nativeOllama()
        ? new OllamaNdjsonDecoder(scrubber) : new OpenAiStreamDecoder(provider(), info.headers()
        .firstValue("content-type").orElse("text/event-stream").contains("event-stream"), scrubber), decoder);
    AtomicBoolean cancelled = new AtomicBoolean();
    limits.onCancel().accept(() -> {
      cancelled.set(true);
      call.abort();
    });
    StreamingCall.Ending end;
    try {
      end = call.finished().get(Math.max(1, remaining.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.abort();
      throw new BackendException(BackendException.Kind.TIMEOUT, 0, false, provider() + " gave no complete answer within "
          + remaining.toMillis() + " ms", null);
    } catch (CancellationException e) {
      throw new BackendException(BackendException.Kind.CANCELLED, provider() + " call cancelled");
    } catch (InterruptedException e) {
      call.abort();
      Thread.currentThread().interrupt();
      throw new BackendException(BackendException.Kind.CANCELLED, provider() + " call interrupted");
    } catch (ExecutionException e) {
      if (cancelled.get()) {
        throw new BackendException(BackendException.Kind.CANCELLED, provider() + " call cancelled");
      }
      Throwable c = e.getCause();
      if (c instanceof HttpTimeoutException) {
        throw new BackendException(BackendException.Kind.TIMEOUT, 0, false, provider() + " did not answer within "
            + remaining.toMillis() + " ms", c);
      }
      if (c instanceof StreamingCall.TooLong) {
        throw new BackendException(BackendException.Kind.PROTOCOL, 200, false, provider() + " answer is not an answer: "
            + c.getMessage(), c);
      }
      throw new BackendException(BackendException.Kind.NETWORK, 0, true, provider() + " request failed: "
          + redact(String.valueOf(c)), c);
    }
    if (end.status() != 200) {
      throw statusFailure(end);
    }
    StreamDecoder d = decoder.get();
    if (d.failure() != null || !d.complete()) {
      ChatAnswer partial = d.answer(attempt);
      Usage used = Usage.of(partial.promptTokens(), partial.completionTokens(), partial.costUsd());
      if (d.failure() != null) {
        throw redacted(d.failure()).withUsage(used);
      }
      throw new BackendException(BackendException.Kind.PROTOCOL, 200, true, provider()
          + " closed the stream before the end of the answer (no [DONE])", null).withUsage(used);
    }
    return d.answer(attempt);
  }

  private URI endpoint() {
    String base = config.baseUrl().toString();
    return URI.create(base + (config.preset().nativeOllama() ? "/api/chat" : "/chat/completions"));
  }

  byte[] body(ChatRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", config.model());
    body.put("messages", request.messages().stream().map(m -> Map.of("role", m.role(), "content", m.content())).toList());
    body.put("stream", true);
    if (config.preset().nativeOllama()) {
      if (request.schema() != null) {
        body.put("format", request.schema());
      }
      body.put("options", Map.of("num_predict", request.maxTokens(), "temperature", 0.1));
    } else {
      body.put("max_tokens", request.maxTokens());
      body.put("temperature", 0.1);
      body.put("stream_options", Map.of("include_usage", true));
      if (config.preset() == Preset.OPENROUTER) {
        body.put("usage", Map.of("include", true));
      }
      if (request.schema() != null) {
        body.put("response_format", schemaSupported.get()
            ? Map.of("type", "json_schema", "json_schema", Map.of("name", request.schemaName(), "strict", true,
                "schema", request.schema()))
            : Map.of("type", "json_object"));
      }
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("request body not serialisable", e);
    }
  }

  private BackendException statusFailure(StreamingCall.Ending end) {
    int s = end.status();
    boolean retryable = BackendException.retryableStatus(s);
    Duration after = Backoff.retryAfter(end.info().headers().firstValue("retry-after").orElse(null), config.clock())
        .orElse(null);
    String why = errorText(end.errorBody());
    return new BackendException(BackendException.Kind.HTTP_STATUS, s, retryable, after, provider() + " answered HTTP "
        + s + (why.isEmpty() ? "" : ": " + why) + (s == 401 || s == 403 ? " (check the API key variable)" : "")
        + (s == 402 ? " (the account has no credit)" : ""), null);
  }

  private String errorText(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode n = JSON.readTree(body);
      JsonNode err = n.path("error");
      String msg = err.isObject() ? err.path("message").asText(err.toString()) : err.isTextual() ? err.asText() : body;
      return OpenAiStreamDecoder.abbreviate(redact(msg));
    } catch (IOException e) {
      return OpenAiStreamDecoder.abbreviate(redact(body));
    }
  }

  private BackendException redacted(BackendException e) {
    return new BackendException(e.kind(), e.status(), e.retryable(), e.retryAfter().orElse(null),
        redact(e.getMessage()), e.getCause());
  }

  private String redact(String s) {
    return scrubber.apply(s);
  }

  private static boolean mentionsSchema(String message) {
    String m = message.toLowerCase(java.util.Locale.ROOT);
    return m.contains("json_schema") || m.contains("response_format") || m.contains("schema");
  }

  @Override
  public String location() {
    return config.baseUrl().toString();
  }

  @Override
  public String responseFormat() {
    return config.preset().nativeOllama() ? "ollama-format" : schemaSupported.get() ? "json_schema" : "json_object";
  }

  /** Whether the server accepted json_schema so far (false after a fallback to json_object). */
  public boolean usesJsonSchema() {
    return schemaSupported.get();
  }

  List<String> describe() {
    return List.of(provider(), config.baseUrl().toString(), config.model());
  }
}
