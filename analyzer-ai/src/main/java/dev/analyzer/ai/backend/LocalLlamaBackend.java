package dev.analyzer.ai.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The in-process engine: a GGUF model ({@code AI_MODEL_PATH}) run by llama.cpp through
 * {@code de.kherud:llama} on the CPU, its output constrained by a GBNF grammar built from the
 * request's JSON schema ({@link LlamaModel#jsonSchemaToGrammar}), so every answer parses. The model
 * is loaded on first use and kept; one generation runs at a time (calls queue on a lock). The
 * deadline and cancellation are checked after every token and stop the generation at once.
 * Thread-safe.
 */
public final class LocalLlamaBackend implements ChatBackend {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path modelPath;
  private final int threads;
  private final int contextSize;
  private final Clock clock;
  private final java.time.Duration callTimeout;
  private final Object lock = new Object();
  private LlamaModel model;

  public LocalLlamaBackend(Path modelPath, int threads, int contextSize, Clock clock) {
    this(modelPath, threads, contextSize, clock, java.time.Duration.ofDays(1));
  }

  /** An engine whose each generation ends by {@code callTimeout} after it starts ({@code AI_TIMEOUT_CALL}). */
  public LocalLlamaBackend(Path modelPath, int threads, int contextSize, Clock clock, java.time.Duration callTimeout) {
    if (modelPath == null || !Files.isRegularFile(modelPath)) {
      throw new IllegalArgumentException("AI_MODEL_PATH must name a GGUF file, got " + modelPath);
    }
    this.modelPath = modelPath;
    this.threads = threads;
    this.contextSize = contextSize;
    this.clock = clock;
    this.callTimeout = callTimeout;
  }

  @Override
  public String provider() {
    return "llama.cpp-in-process";
  }

  @Override
  public String model() {
    return modelPath.getFileName().toString();
  }

  @Override
  public String method() {
    return "local-llm";
  }

  /** Loads the model now (it is loaded on first use otherwise). */
  public void load() throws BackendException {
    synchronized (lock) {
      if (model == null) {
        try {
          LlamaModel.setLogger(LogFormat.TEXT, (level, msg) -> { });
          model = new LlamaModel(new ModelParameters().setModel(modelPath.toString()).setThreads(threads)
              .setCtxSize(contextSize).setGpuLayers(0));
        } catch (RuntimeException | UnsatisfiedLinkError e) {
          throw new BackendException(BackendException.Kind.PROTOCOL, 0, false, "the GGUF model " + model()
              + " could not be loaded: " + e.getMessage(), e);
        }
      }
    }
  }

  @Override
  public ChatAnswer complete(ChatRequest request, CallLimits limits) throws BackendException {
    load();
    String grammar;
    try {
      grammar = LlamaModel.jsonSchemaToGrammar(JSON.writeValueAsString(bounded(request.schema())));
    } catch (IOException | RuntimeException e) {
      throw new BackendException(BackendException.Kind.PROTOCOL, 0, false, "the schema could not become a grammar: "
          + e.getMessage(), e);
    }
    String prompt = prompt(request);
    synchronized (lock) {
      AtomicBoolean cancelled = new AtomicBoolean();
      InferenceParameters p = new InferenceParameters(prompt).setGrammar(grammar).setNPredict(request.maxTokens())
          .setTemperature(0.1f).setSeed(42);
      LlamaIterator it = model.generate(p).iterator();
      limits.onCancel().accept(() -> cancelled.set(true));
      java.time.Instant started = clock.instant();
      java.time.Instant deadline = started.plus(callTimeout).isBefore(limits.deadline()) ? started.plus(callTimeout)
          : limits.deadline();
      StringBuilder out = new StringBuilder();
      long tokens = 0;
      String finish = "length";
      try {
        while (it.hasNext()) {
          if (cancelled.get() || limits.cancelled().getAsBoolean()) {
            it.cancel();
            throw new BackendException(BackendException.Kind.CANCELLED, "local generation cancelled");
          }
          if (!clock.instant().isBefore(deadline)) {
            it.cancel();
            throw new BackendException(BackendException.Kind.TIMEOUT, 0, false, "local generation passed its deadline "
                + "after " + tokens + " tokens", null);
          }
          LlamaOutput o = it.next();
          out.append(o.text);
          tokens++;
        }
        if (tokens < request.maxTokens()) {
          finish = "stop";
        }
      } catch (RuntimeException e) {
        throw new BackendException(BackendException.Kind.PROTOCOL, 0, false, "local generation failed: "
            + e.getMessage(), e);
      }
      long promptTokens = model.encode(prompt).length;
      return new ChatAnswer(out.toString(), promptTokens, tokens, null, finish, model(), false, 1);
    }
  }

  /** Longest free string the grammar allows; a small model otherwise writes until max_tokens. */
  static final int MAX_STRING = 240;
  static final int MAX_ITEMS = 3;

  /**
   * {@code schema} with every free string capped at {@link #MAX_STRING} characters and arrays at
   * {@link #MAX_ITEMS} items, so a constrained answer always ends (the HTTP providers get the schema
   * unchanged: OpenAI's strict mode refuses {@code maxLength}).
   */
  @SuppressWarnings("unchecked")
  static Object bounded(Object schema) {
    if (schema instanceof java.util.Map<?, ?> m) {
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, bounded(v)));
      if ("string".equals(out.get("type")) && !out.containsKey("enum")) {
        out.putIfAbsent("maxLength", MAX_STRING);
      }
      if ("array".equals(out.get("type"))) {
        out.put("maxItems", Math.min(MAX_ITEMS, out.get("maxItems") instanceof Integer i ? i : MAX_ITEMS));
      }
      return out;
    }
    if (schema instanceof java.util.List<?> l) {
      return l.stream().map(LocalLlamaBackend::bounded).toList();
    }
    return schema;
  }

  static String prompt(ChatRequest request) {
    StringBuilder b = new StringBuilder();
    for (ChatRequest.Message m : request.messages()) {
      b.append(m.role().equals("system") ? "### System\n" : m.role().equals("user") ? "### User\n" : "### Assistant\n")
          .append(m.content()).append("\n\n");
    }
    return b.append("### Assistant\n").toString();
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (model != null) {
        model.close();
        model = null;
      }
    }
  }
}
