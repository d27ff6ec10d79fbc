package dev.analyzer.service.internal;

import dev.analyzer.service.ServiceSettings;
import java.util.Locale;

/**
 * Decides whether a WebSocket handshake may proceed given its {@code Origin}: browsers always send
 * one, so a page from another site cannot drive the service; clients that are not browsers send
 * none (the JDK client, Python websockets) and always pass. Allowed, in order:
 * <ol>
 *   <li>no Origin;</li>
 *   <li>an origin listed in {@code ANALYZER_ALLOWED_ORIGINS}, or any when it lists {@code *};</li>
 *   <li>the service's own origin: {@code http://} plus the Host header, when that host is an IP
 *       literal (IPv4, or a bracketed IPv6 address) or {@code localhost} and its port is the port
 *       the connection arrived on. Netty's WebSocket client sends its target as Origin by default,
 *       and no page can have that origin (the service serves no page, and serves no TLS, so
 *       {@code https://} never qualifies), while a DNS-rebinding page, whose Host is the
 *       attacker's name, and a page of another local app on another port do not qualify.</li>
 * </ol>
 * Immutable and thread-safe.
 */
final class OriginPolicy {

  private final ServiceSettings settings;

  OriginPolicy(ServiceSettings settings) {
    this.settings = settings;
  }

  /**
   * @param localPort the port the connection arrived on
   */
  boolean allows(String origin, String host, int localPort) {
    if (origin == null || settings.allowsOrigin(origin)) {
      return true;
    }
    if (host == null || host.isBlank()) {
      return false;
    }
    String o = origin.trim().toLowerCase(Locale.ROOT);
    String h = host.trim().toLowerCase(Locale.ROOT);
    String name = hostName(h);
    return o.equals("http://" + h) && h.equals(name + ":" + localPort) && isLiteralOrLocalhost(name);
  }

  private static String hostName(String hostAndPort) {
    if (hostAndPort.startsWith("[")) {
      int end = hostAndPort.indexOf(']');
      return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
    }
    int colon = hostAndPort.lastIndexOf(':');
    return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
  }

  private static boolean isLiteralOrLocalhost(String name) {
    if (name.equals("localhost")) {
      return true;
    }
    if (name.startsWith("[") && name.endsWith("]")) {
      String v6 = name.substring(1, name.length() - 1);
      return v6.indexOf(':') >= 0 && v6.matches("[0-9a-f:.]+");
    }
    return name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
