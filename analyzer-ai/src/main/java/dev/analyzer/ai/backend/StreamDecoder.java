package dev.analyzer.ai.backend;

/**
 * Turns the lines of one streamed answer into a {@link ChatAnswer}. Fed from the HTTP client's
 * thread, read by the caller after the stream ended; not thread-safe on its own (the caller
 * hands over through a future).
 */
interface StreamDecoder {

  /** One line of the body, terminator removed. */
  void line(String line);

  /** The body ended. */
  void end();

  /** True once the stream said it is complete ({@code [DONE]} or {@code "done": true}). */
  boolean complete();

  /** The failure the stream reported or that decoding found, or null. */
  BackendException failure();

  /** The answer so far. */
  ChatAnswer answer(int attempts);
}
