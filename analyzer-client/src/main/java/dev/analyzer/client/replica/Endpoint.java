package dev.analyzer.client.replica;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where a replica's connections go: its configured URL, and, for one replica of a host name that
 * has several addresses, the one address it is bound to. The handshake always names the URL's host
 * ({@code Host} header, and the TLS server name if TLS is added), so a pod reached by address sees
 * the same request as one reached through its Service name. Immutable.
 *
 * @param uri the configured replica URL (its host is what the handshake names)
 * @param address the address to connect to, or {@code null} to resolve the URL's host on each
 *     connect (as before expansion existed)
 */
public record Endpoint(URI uri, InetAddress address) {

  public Endpoint {
    Objects.requireNonNull(uri, "uri");
  }

  /** The endpoint of {@code uri} itself, connected to by name. */
  public static Endpoint of(URI uri) {
    return new Endpoint(uri, null);
  }

  /** The socket address a connection opens to: the bound address, else the URL's host unresolved. */
  public InetSocketAddress socketAddress() {
    int port = uri.getPort() > 0 ? uri.getPort() : ("wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    return address == null ? new InetSocketAddress(uri.getHost(), port) : new InetSocketAddress(address, port);
  }

  /**
   * The URL that names this replica in stats and health: the configured URL, or for an address-bound
   * endpoint the same URL with the address as its host ({@code ws://10.1.2.3:2001}).
   */
  public URI url() {
    if (address == null) {
      return uri;
    }
    try {
      return new URI(uri.getScheme(), uri.getUserInfo(), address.getHostAddress(), uri.getPort(), uri.getPath(),
          uri.getQuery(), uri.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot put address " + address.getHostAddress() + " into " + uri, e);
    }
  }

  @Override
  public String toString() {
    return address == null ? uri.toString() : url() + " (" + uri.getHost() + ")";
  }
}
