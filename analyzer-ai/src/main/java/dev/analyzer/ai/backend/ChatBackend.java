package dev.analyzer.ai.backend;

import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A language model that answers chat requests: over HTTP (OpenAI-compatible, Ollama native) or
 * in-process (GGUF through llama.cpp). Implementations are thread-safe.
 */
public interface ChatBackend extends AutoCloseable {

  /**
   * The limits of one call.
   *
   * @param deadline when the call must have ended (the per-call and per-analysis timeouts, whichever first)
   * @param cancelled true once the analysis is cancelled
   * @param onCancel registers a hook run once at cancellation; a backend closes its stream there
   */
  record CallLimits(Instant deadline, BooleanSupplier cancelled, Consumer<Runnable> onCancel) {}

  /** {@code openrouter}, {@code openai}, {@code ollama}, ..., or {@code llama.cpp-in-process}. */
  String provider();

  /** The model asked for. */
  String model();

  /** {@code llm} (a remote or served model) or {@code local-llm} (in-process). */
  String method();

  /**
   * Asks the model.
   *
   * @throws BackendException when no answer came (after retries where allowed), the call timed out
   *     or was cancelled; the message never contains a key
   */
  ChatAnswer complete(ChatRequest request, CallLimits limits) throws BackendException;

  @Override
  default void close() {}
}
