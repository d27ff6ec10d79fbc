package dev.analyzer.ai.backend;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Provider presets of the HTTP backend: the default base URL and model, extra headers, and the
 * wire (OpenAI chat completions with SSE, or Ollama's native {@code /api/chat} with NDJSON).
 */
public enum Preset {
  /** Any OpenAI-compatible server at {@code AI_BASE_URL} (default OpenAI itself). */
  OPENAI("openai", URI.create("https://api.openai.com/v1"), "gpt-4o-mini", false),
  /** OpenRouter: attribution headers, {@code : OPENROUTER PROCESSING} keep-alives, errors inside 200 streams, usage cost. */
  OPENROUTER("openrouter", URI.create("https://openrouter.ai/api/v1"), "google/gemini-2.5-flash", false),
  /** Ollama's OpenAI-compatible {@code /v1}. */
  OLLAMA("ollama", URI.create("http://127.0.0.1:11434/v1"), "llama3.2", false),
  /** Ollama's native {@code /api/chat}, NDJSON stream, {@code format} = the schema. */
  OLLAMA_NATIVE("ollama-native", URI.create("http://127.0.0.1:11434"), "llama3.2", true),
  /** llama.cpp's {@code llama-server}. */
  LLAMACPP("llamacpp", URI.create("http://127.0.0.1:8080/v1"), "local", false),
  /** vLLM's OpenAI-compatible server. */
  VLLM("vllm", URI.create("http://127.0.0.1:8000/v1"), "default", false);

  /** OpenRouter's attribution headers (https://openrouter.ai/docs/api-reference/overview). */
  public static final Map<String, String> OPENROUTER_HEADERS = Map.of("HTTP-Referer",
      "https://github.com/analyzer-dev/analyzer", "X-Title", "analyzer-ai");

  private final String wire;
  private final URI defaultBaseUrl;
  private final String defaultModel;
  private final boolean nativeOllama;

  Preset(String wire, URI defaultBaseUrl, String defaultModel, boolean nativeOllama) {
    this.wire = wire;
    this.defaultBaseUrl = defaultBaseUrl;
    this.defaultModel = defaultModel;
    this.nativeOllama = nativeOllama;
  }

  public String wire() {
    return wire;
  }

  /** The base URL when {@code AI_BASE_URL} is unset, or null when the preset has none. */
  public URI defaultBaseUrl() {
    return defaultBaseUrl;
  }

  public String defaultModel() {
    return defaultModel;
  }

  /** True for Ollama's native NDJSON API. */
  public boolean nativeOllama() {
    return nativeOllama;
  }

  /** Headers every request of this preset carries (besides authorization). */
  public Map<String, String> headers() {
    return this == OPENROUTER ? OPENROUTER_HEADERS : Map.of();
  }

  /** The preset named {@code wire} ({@code openai}, {@code openrouter}, ...). */
  public static Preset fromWire(String wire) {
    for (Preset p : values()) {
      if (p.wire.equals(wire.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown provider preset " + wire);
  }
}
