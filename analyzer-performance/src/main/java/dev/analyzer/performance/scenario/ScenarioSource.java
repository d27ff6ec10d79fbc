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
 * Where the scenarios of a URL come from when the request names none: the app's
 * {@code /openapi.json} (its {@code GET} operations on paths without parameters, at most
 * {@value #MAX_DERIVED}), else {@code /} and {@code /api/health}, each kept only when it answers
 * below 400 to one probe (so a missing health route does not turn into an error rate), else
 * {@code /}. Requests go through the analysis's session (its budget, the pinned address, no
 * redirects followed off the target). Stateless.
 */
public final class ScenarioSource {

  /** Most scenarios taken from an OpenAPI document. */
  public static final int MAX_DERIVED = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  /** The scenarios chosen and where they came from ({@code config}, {@code openapi}, {@code default}). */
  public record Choice(List<Scenario> scenarios, String source) {
  }

  private ScenarioSource() {
  }

  /** {@code configured} when not empty, else derived from the app at {@code target}. */
  public static Choice choose(List<Scenario> configured, HttpSession session, ResolvedTarget target) {
    if (!configured.isEmpty()) {
      return new Choice(configured, "config");
    }
    List<Scenario> fromApi = openApi(session, target);
    if (!fromApi.isEmpty()) {
      return new Choice(fromApi, "openapi");
    }
    List<Scenario> kept = new ArrayList<>();
    for (String path : List.of("/", "/api/health")) {
      HttpResponse r = fetch(session, target, path, 4096);
      if (r != null && r.status() < 400) {
        kept.add(new Scenario(null, "GET", path, Map.of(), null, r.status() >= 200 && r.status() < 300 ? 0
            : r.status(), 1));
      }
    }
    return new Choice(kept.isEmpty() ? List.of(Scenario.get("/")) : kept, "default");
  }

  /** The GET operations of {@code /openapi.json} on paths without parameters, or empty. */
  static List<Scenario> openApi(HttpSession session, ResolvedTarget target) {
    HttpResponse r = fetch(session, target, "/openapi.json", 2 * 1024 * 1024);
    if (r == null || r.status() != 200) {
      return List.of();
    }
    List<Scenario> out = new ArrayList<>();
    try {
      JsonNode paths = JSON.readTree(r.body()).path("paths");
      for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext() && out.size() < MAX_DERIVED; ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = e.getKey();
        if (path.startsWith("/") && !path.contains("{") && e.getValue().has("get") && path.matches("[\\x21-\\x7e]+")) {
          out.add(new Scenario(null, "GET", path, Map.of(), null, 0, 1));
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return List.of();
    }
    return out;
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
