package dev.analyzer.http.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A complete response: status, headers (names lower-case), the body after decompression up to the
 * request's cap, and whether it was cut there. Immutable; the body is a private copy (no pooled
 * buffer escapes the engine).
 *
 * @param uri the URL that answered (the last hop when redirects were followed)
 * @param status the HTTP status code
 * @param reason the reason phrase
 * @param headers header values by lower-case name
 * @param body the (decompressed) body, at most the request's {@code maxBodyBytes}
 * @param bodyBytes how many body bytes were read after decompression, kept or not; past the cap the
 *     engine reads (and drops) at most 1 MiB more to keep the connection, then closes it, so a larger
 *     body is counted up to cap + 1 MiB
 * @param truncated true when {@code bodyBytes > body.length}
 * @param redirects how many redirects were followed to get here
 */
public record HttpResponse(URI uri, int status, String reason, Map<String, List<String>> headers, byte[] body,
    long bodyBytes, boolean truncated, int redirects) {

  public HttpResponse {
    headers = Map.copyOf(headers);
  }

  /** The first value of header {@code name}, or {@code null}. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
