package dev.analyzer.http.client;

import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.ClientCookieEncoder;
import io.netty.handler.codec.http.cookie.Cookie;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simple per-analysis cookie jar: cookies kept per exact host (the {@code Domain} and {@code Path}
 * attributes are ignored, which is enough for one app under test), {@code Secure} ones sent over
 * https only, {@code Max-Age=0} deleting, at most {@value #MAX_COOKIES} per host. Thread-safe.
 */
final class CookieJar {

  static final int MAX_COOKIES = 64;

  private final Map<String, Map<String, Cookie>> byHost = new HashMap<>();

  synchronized void store(String host, List<String> setCookies) {
    if (setCookies == null) {
      return;
    }
    Map<String, Cookie> jar = byHost.computeIfAbsent(host, h -> new LinkedHashMap<>());
    for (String header : setCookies) {
      Cookie c = ClientCookieDecoder.LAX.decode(header);
      if (c == null) {
        continue;
      }
      if (c.maxAge() == 0) {
        jar.remove(c.name());
      } else if (jar.containsKey(c.name()) || jar.size() < MAX_COOKIES) {
        jar.put(c.name(), c);
      }
    }
  }

  /** The {@code Cookie} header for a request to {@code host}, or {@code null}. */
  synchronized String header(String host, boolean secure) {
    Map<String, Cookie> jar = byHost.get(host);
    if (jar == null || jar.isEmpty()) {
      return null;
    }
    List<Cookie> send = jar.values().stream().filter(c -> secure || !c.isSecure()).toList();
    return send.isEmpty() ? null : ClientCookieEncoder.LAX.encode(send);
  }
}
