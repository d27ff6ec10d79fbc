package dev.analyzer.dynamic.checks.active;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.analyzer.dynamic.crawl.Endpoint;
import dev.analyzer.dynamic.crawl.Param;
import dev.analyzer.dynamic.probe.ProbeRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the request of an endpoint with one parameter set to a probe value and every other one at
 * its sample: query parameters in the query, form fields as a urlencoded body, JSON keys as a JSON
 * object body, path parameters in their segment. Values are percent-encoded (path segments
 * strictly). Stateless and thread-safe.
 */
public final class Mutation {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Mutation() {}

  /** {@code e}'s request with {@code target} set to {@code value} (null = every parameter at its sample). */
  public static ProbeRequest request(Endpoint e, Param target, String value) {
    return build(e, target, value, null);
  }

  /**
   * {@code e}'s request with {@code target} replaced by raw query text {@code rawQueryPart} such as
   * {@code user[$ne]=x} (QUERY and FORM parameters only).
   */
  public static ProbeRequest withRawPair(Endpoint e, Param target, String rawQueryPart) {
    return build(e, target, null, rawQueryPart);
  }

  /** {@code e}'s JSON request with {@code target} set to the JSON value {@code node}. */
  public static ProbeRequest withJsonValue(Endpoint e, Param target, com.fasterxml.jackson.databind.JsonNode node) {
    ObjectNode body = jsonBody(e, target, null);
    body.set(target.name(), node);
    return ProbeRequest.withBody(e.method(), pathWith(e, null, null) + query(e, null, null, null),
        "application/json", body.toString());
  }

  private static ProbeRequest build(Endpoint e, Param target, String value, String raw) {
    String path = pathWith(e, target, value);
    String query = query(e, target, value, raw);
    List<Param> form = e.params(Param.Where.FORM);
    List<Param> json = e.params(Param.Where.JSON);
    if (!form.isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (Param p : form) {
        b.append(b.length() == 0 ? "" : "&");
        if (p.equals(target) && raw != null) {
          b.append(raw);
        } else {
          b.append(encode(p.name())).append('=').append(encode(p.equals(target) ? value : p.sample()));
        }
      }
      return ProbeRequest.withBody(e.method(), path + query, "application/x-www-form-urlencoded", b.toString());
    }
    if (!json.isEmpty()) {
      return ProbeRequest.withBody(e.method(), path + query, "application/json", jsonBody(e, target, value).toString());
    }
    return ProbeRequest.of(e.method(), path + query);
  }

  private static ObjectNode jsonBody(Endpoint e, Param target, String value) {
    ObjectNode o = JSON.createObjectNode();
    for (Param p : e.params(Param.Where.JSON)) {
      if (p.equals(target)) {
        o.put(p.name(), value);
      } else if (p.sample().matches("-?\\d{1,9}")) {
        o.put(p.name(), Integer.parseInt(p.sample()));
      } else if (p.sample().equals("true") || p.sample().equals("false")) {
        o.put(p.name(), Boolean.parseBoolean(p.sample()));
      } else {
        o.put(p.name(), p.sample());
      }
    }
    return o;
  }

  private static String pathWith(Endpoint e, Param target, String value) {
    if (target == null || target.where() != Param.Where.PATH || value == null) {
      return e.path();
    }
    String[] segs = e.path().split("/", -1);
    int i = Integer.parseInt(target.name());
    if (i < segs.length) {
      segs[i] = encodeStrict(value);
    }
    return String.join("/", segs);
  }

  private static String query(Endpoint e, Param target, String value, String raw) {
    StringBuilder b = new StringBuilder();
    for (Param p : e.params(Param.Where.QUERY)) {
      b.append(b.length() == 0 ? "?" : "&");
      if (p.equals(target) && raw != null) {
        b.append(raw);
      } else {
        b.append(encode(p.name())).append('=').append(encode(p.equals(target) ? value : p.sample()));
      }
    }
    return b.toString();
  }

  /** Query-component encoding: unreserved characters and a few safe ones stay, the rest is %XX. */
  public static String encode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/:,!*()".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c));
      }
    }
    return b.toString();
  }

  /** Path-segment encoding: {@code /} encoded too. */
  public static String encodeStrict(String s) {
    return encode(s).replace("/", "%2F");
  }
}
