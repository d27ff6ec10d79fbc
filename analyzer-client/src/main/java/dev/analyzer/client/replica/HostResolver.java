package dev.analyzer.client.replica;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a replica URL's host name to its addresses, so that a name with several (a Kubernetes
 * headless Service: one per ready pod) becomes one replica per address. Implementations must be
 * thread-safe; a call may block (DNS), and runs on the client's timer thread or in
 * {@code AnalyzerClient.refreshReplicas()}.
 */
@FunctionalInterface
public interface HostResolver {

  /**
   * Every address {@code host} has now, in the resolver's order; never empty.
   *
   * @throws UnknownHostException when the name does not resolve (the client keeps its last known set)
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JDK's resolver ({@link InetAddress#getAllByName}), with its own positive and negative cache. */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
