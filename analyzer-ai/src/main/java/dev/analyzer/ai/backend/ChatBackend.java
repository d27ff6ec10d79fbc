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
   * @param beforeRetry asked before each retry (with the attempt number, 2 or more); false means the
   *     retry is not sent (the caller's token budget has no room for it) and the call fails with
   *     {@link BackendException.Kind#BUDGET}
   */
  record CallLimits(Instant deadline, BooleanSupplier cancelled, Consumer<Runnable> onCancel,
      java.util.function.IntPredicate beforeRetry) {

    /** Limits that allow every retry. */
    public CallLimits(Instant deadline, BooleanSupplier cancelled, Consumer<Runnable> onCancel) {
      this(deadline, cancelled, onCancel, n -> true);
    }

    /** These limits with {@code gate} asked before each retry. */
    public CallLimits withBeforeRetry(java.util.function.IntPredicate gate) {
      return new CallLimits(deadline, cancelled, onCancel, gate);
    }
  }

  /** {@code openrouter}, {@code openai}, {@code ollama}, ..., or {@code llama.cpp-in-process}. */
  String provider();

  /** The model asked for. */
  String model();

  /** Where the model runs (a base URL, or {@code in-process}); part of the cache key. */
  default String location() {
    return "in-process";
  }

  /** How the answer's shape is asked for now ({@code json_schema}, {@code json_object}, ...); part of the cache key. */
  default String responseFormat() {
    return "grammar";
  }

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
