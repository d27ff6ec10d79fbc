package dev.analyzer.http.target;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * One URL target of a running app, normalised: scheme {@code http} or {@code https} (lower-case),
 * host (lower-case, IPv6 without brackets), explicit port, and a base path without a trailing slash
 * ({@code ""} for the root). User info is refused; query and fragment are dropped. Immutable.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host name or IP literal
 * @param port 1..65535
 * @param basePath {@code ""} or a path starting with {@code /} and not ending with one
 */
public record Target(String scheme, String host, int port, String basePath) {

  public Target {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(basePath, "basePath");
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("target scheme must be http or https, got " + scheme);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("target host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("target port must be 1..65535, got " + port);
    }
    if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
      throw new IllegalArgumentException("target base path must be empty or /x without trailing /, got " + basePath);
    }
  }

  /**
   * Parses and normalises {@code url}.
   *
   * @throws IllegalArgumentException naming the URL and what is wrong with it
   */
  public static Target parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("target URL must not be empty");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("target URL is not a URL: \"" + url + "\" (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("target URL must be http:// or https://, got \"" + url + "\"");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("target URL must not carry user info, got \"" + url + "\"");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("target URL has no host: \"" + url + "\"");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    path = path.replaceAll("/{2,}", "/");
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Target(scheme, host, port, path);
  }

  /** True for {@code https}. */
  public boolean secure() {
    return scheme.equals("https");
  }

  /** The value of a {@code Host} header: the host, plus the port when it is not the scheme's default. */
  public String hostHeader() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    boolean defaultPort = (secure() && port == 443) || (!secure() && port == 80);
    return defaultPort ? h : h + ":" + port;
  }

  /** The URL of {@code path} (which starts with {@code /}, may carry a query) below the base path. */
  public URI resolve(String path) {
    String p = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
    return URI.create(origin() + basePath + p);
  }

  /** {@code scheme://host[:port]}. */
  public String origin() {
    return scheme + "://" + hostHeader();
  }

  /** The normalised URL, such as {@code http://127.0.0.1:5000/api}. */
  @Override
  public String toString() {
    return origin() + basePath;
  }
}
