package dev.analyzer.http.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to its addresses. {@link TargetPolicy} calls it exactly once per target and
 * pins the answer, so an implementation that changes its answer (DNS rebinding) cannot redirect a
 * connection. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HostResolver {

  /**
   * The addresses of {@code host}, never empty.
   *
   * @throws UnknownHostException when the name does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** {@link InetAddress#getAllByName(String)}. */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
