package dev.analyzer.manager.batch;

/**
 * A batch cannot be resumed as asked: no batch has that id, or its state or journal cannot be
 * read. The message names the file and what is wrong with it. A usage error for the CLI (exit 2).
 */
public final class BatchStateException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public BatchStateException(String message) {
    super(message);
  }

  public BatchStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
