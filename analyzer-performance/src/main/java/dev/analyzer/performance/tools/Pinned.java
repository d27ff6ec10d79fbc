package dev.analyzer.performance.tools;

import dev.analyzer.http.target.ResolvedTarget;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * URLs for external tools that point at the address the target policy pinned (an IP literal), so a
 * tool never resolves the host name again; the target's own {@code Host} header goes with them.
 * Stateless.
 */
final class Pinned {

  private Pinned() {
  }

  /** {@code scheme://ip:port/base/path}. */
  static String url(ResolvedTarget t, String path) {
    InetAddress a = t.address().getAddress();
    String host = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    return t.target().scheme() + "://" + host + ":" + t.target().port() + t.target().basePath() + path;
  }

  /** The {@code Host} header value of the target. */
  static String host(ResolvedTarget t) {
    return t.target().hostHeader();
  }
}
