package dev.analyzer.core.protocol;

/**
 * The one exception decoding throws. Its message names the problem a person can fix (which field,
 * what was expected, what arrived) and is safe to send to a peer as the {@code message} of an
 * {@code error} frame; it never contains a stack trace or internal class names.
 */
public final class ProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String field;
  private final String correlationId;

  /**
   * @param code the error code to answer with
   * @param message a message naming the problem
   * @param field the offending field, or {@code null} when the whole frame is at fault
   * @param correlationId the request id if it could be read before the problem, else {@code null}
   */
  public ProtocolException(ErrorCode code, String message, String field, String correlationId) {
    super(message);
    this.code = code;
    this.field = field;
    this.correlationId = correlationId;
  }

  /** The code an {@code error} reply should carry. */
  public ErrorCode code() {
    return code;
  }

  /** The offending field, or {@code null}. */
  public String field() {
    return field;
  }

  /** The request's {@code id} when it was readable, else {@code null}. */
  public String correlationId() {
    return correlationId;
  }
}
