package dev.analyzer.http.target;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ProtocolException;
import java.util.List;

/**
 * A target the {@link TargetPolicy} refused, or whose host did not resolve. The message is an
 * {@code invalid_request} text naming the host, what it resolved to and the setting that would allow
 * it; {@link #toProtocolException(String)} turns it into the reply's exception.
 */
public final class TargetRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String host;
  private final List<String> addresses;

  TargetRefusedException(String host, List<String> addresses, String message) {
    super(message);
    this.host = host;
    this.addresses = List.copyOf(addresses);
  }

  /** The refused host as the target named it. */
  public String host() {
    return host;
  }

  /** What the host resolved to (empty when it did not resolve). */
  public List<String> addresses() {
    return addresses;
  }

  /** An {@code invalid_request} on field {@code target_urls} with this message. */
  public ProtocolException toProtocolException(String correlationId) {
    return new ProtocolException(ErrorCode.INVALID_REQUEST, getMessage(), "target_urls", correlationId);
  }
}
