package dev.analyzer.performance.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.http.client.HttpRequest;
import dev.analyzer.http.client.HttpResponse;
import dev.analyzer.http.client.HttpSession;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.performance.generator.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the scenarios of a URL come from when the request names none: the app's API document
 * ({@code /openapi.json}, else {@code /swagger.json}): its {@code GET} operations on paths without
 * path parameters or required query/header parameters, under the document's base path
 * ({@code servers[0].url}'s path, Swagger's {@code basePath}), at most {@value #MAX_DERIVED}, each
 * probed once and kept when it answers below 400 (a 3xx answer is then its expected status), weight
 * {@value #WEIGHT_ROUTE} for a route and {@value #WEIGHT_HEALTH} for a health or docs route (as the
 * original's locustfile weighted its two paths); else {@code /} and {@code /api/health}, kept
 * the same way; else {@code /}. Requests go through the analysis's session (its budget, the pinned
 * address, no redirects followed off the target). Stateless.
 */
public final class ScenarioSource {

  /** Most scenarios taken from an API document. */
  public static final int MAX_DERIVED = 10;
  /** Weight of a derived route. */
  public static final int WEIGHT_ROUTE = 3;
  /** Weight of a derived health, status or documentation route. */
  public static final int WEIGHT_HEALTH = 1;
  /** Most paths of a document considered (the first ones, in document order). */
  private static final int MAX_CONSIDERED = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  private static final java.util.regex.Pattern HEALTH = java.util.regex.Pattern.compile("(?i).*/(health|healthz"
      + "|healthcheck|ping|status|ready|readyz|live|livez|version|docs|openapi\\.json|swagger\\.json)/?$");

  /** The scenarios chosen and where they came from ({@code config}, {@code openapi}, {@code swagger}, {@code default}). */
  public record Choice(List<Scenario> scenarios, String source) {
  }

  private ScenarioSource() {
  }

  /** {@code configured} when not empty, else derived from the app at {@code target}. */
  public static Choice choose(List<Scenario> configured, HttpSession session, ResolvedTarget target) {
    if (!configured.isEmpty()) {
      return new Choice(configured, "config");
    }
    for (String doc : List.of("/openapi.json", "/swagger.json")) {
      List<Scenario> fromApi = kept(session, target, apiPaths(session, target, doc));
      if (!fromApi.isEmpty()) {
        return new Choice(fromApi, doc.equals("/openapi.json") ? "openapi" : "swagger");
      }
    }
    List<Scenario> kept = kept(session, target, List.of("/", "/api/health"));
    for (int i = 0; i < kept.size(); i++) {
      kept.set(i, kept.get(i).withWeight(1));
    }
    return new Choice(kept.isEmpty() ? List.of(Scenario.get("/")) : kept, "default");
  }

  /** {@code paths} probed once each: those answering below 400, weighted, with a 3xx as their expected status. */
  private static List<Scenario> kept(HttpSession session, ResolvedTarget target, List<String> paths) {
    List<Scenario> out = new ArrayList<>();
    for (String path : paths) {
      if (out.size() >= MAX_DERIVED) {
        break;
      }
      HttpResponse r = fetch(session, target, path, 4096);
      if (r != null && r.status() < 400) {
        out.add(new Scenario(null, "GET", path, Map.of(), null, r.status() >= 200 && r.status() < 300 ? 0
            : r.status(), weight(path)));
      }
    }
    return out;
  }

  static int weight(String path) {
    return HEALTH.matcher(path).matches() ? WEIGHT_HEALTH : WEIGHT_ROUTE;
  }

  /** The parameter-free GET paths of the document at {@code doc}, base path applied; empty without one. */
  static List<String> apiPaths(HttpSession session, ResolvedTarget target, String doc) {
    HttpResponse r = fetch(session, target, doc, 2 * 1024 * 1024);
    if (r == null || r.status() != 200) {
      return List.of();
    }
    try {
      return getPaths(JSON.readTree(r.body()));
    } catch (java.io.IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** The parameter-free GET paths of an OpenAPI 3 or Swagger 2 document, in document order, base path applied. */
  static List<String> getPaths(JsonNode api) {
    String base = basePath(api);
    List<String> out = new ArrayList<>();
    int considered = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = api.path("paths").fields(); it.hasNext()
        && considered < MAX_CONSIDERED; considered++) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = e.getKey();
      JsonNode get = e.getValue().path("get");
      if (!path.startsWith("/") || path.contains("{") || !get.isObject()
          || needsParameters(e.getValue().path("parameters")) || needsParameters(get.path("parameters"))) {
        continue;
      }
      String full = base + path;
      if (full.matches("[\\x21-\\x7e]+") && full.length() <= 2048 && !out.contains(full)) {
        out.add(full);
      }
    }
    return out;
  }

  /** True when a parameter list has a required parameter (path, query, header or cookie) or a body. */
  private static boolean needsParameters(JsonNode params) {
    for (JsonNode p : params) {
      if (p.path("required").asBoolean(false) || p.path("in").asText("").equals("path")
          || p.path("in").asText("").equals("body")) {
        return true;
      }
    }
    return false;
  }

  /** Swagger 2's {@code basePath}, or the path of OpenAPI 3's first server URL; "" for the root. */
  private static String basePath(JsonNode api) {
    String base = api.path("basePath").asText("");
    JsonNode servers = api.path("servers");
    if (base.isEmpty() && servers.isArray() && servers.size() > 0) {
      String url = servers.get(0).path("url").asText("");
      if (url.startsWith("/")) {
        base = url;
      } else {
        try {
          String p = java.net.URI.create(url).getRawPath();
          base = p == null ? "" : p;
        } catch (IllegalArgumentException e) {
          base = "";
        }
      }
    }
    if (base.contains("{") || !base.startsWith("/")) {
      return "";
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }

  private static HttpResponse fetch(HttpSession session, ResolvedTarget target, String path, int maxBody) {
    try {
      return session.send(HttpRequest.builder(target).withPath(path).withMaxRedirects(0)
          .withMaxBodyBytes(maxBody, false).withTimeout(PROBE_TIMEOUT).build())
          .get(PROBE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    }
  }
}
