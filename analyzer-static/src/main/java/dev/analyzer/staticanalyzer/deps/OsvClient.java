package dev.analyzer.staticanalyzer.deps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks OSV ({@code POST /v1/querybatch}, then {@code GET /v1/vulns/{id}} for each new id) which
 * advisories affect a list of package versions. Answers are cached for {@value #TTL_HOURS} hours (by
 * package version and by advisory id); at most {@value #MAX_IDS} advisories are fetched per call.
 * Any failure (unreachable, timeout, non-200, bad JSON) makes the call answer empty, so the caller
 * falls back to the shipped snapshot. Thread-safe.
 */
public final class OsvClient {

  static final int TTL_HOURS = 24;
  static final int MAX_IDS = 200;
  static final int MAX_QUERIES = 1000;

  /** One package version to ask about. */
  public record Query(String ecosystem, String name, String version) {
    String key() {
      return ecosystem + ":" + Advisory.normalize(ecosystem, name) + "@" + version;
    }
  }

  private record Cached(List<Advisory> advisories, Instant at) {}

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Cached> byVersion = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> byId = new ConcurrentHashMap<>();
  private volatile Boolean lastReachable;

  /** A client of the OSV API at {@code base} (such as {@code https://api.osv.dev}). */
  public OsvClient(URI base, Duration timeout, Clock clock) {
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public URI base() {
    return base;
  }

  /** Whether the last call got an answer (null before the first call). */
  public Boolean lastReachable() {
    return lastReachable;
  }

  /** The advisories per query key ({@code ecosystem:name@version}), or empty when OSV did not answer. */
  public Optional<Map<String, List<Advisory>>> lookup(List<Query> queries) {
    Map<String, List<Advisory>> out = new HashMap<>();
    List<Query> ask = new ArrayList<>();
    Instant now = clock.instant();
    for (Query q : new LinkedHashSet<>(queries)) {
      Cached c = byVersion.get(q.key());
      if (c != null && c.at().plus(Duration.ofHours(TTL_HOURS)).isAfter(now)) {
        out.put(q.key(), c.advisories());
      } else if (ask.size() < MAX_QUERIES) {
        ask.add(q);
      }
    }
    if (ask.isEmpty()) {
      return Optional.of(out);
    }
    try {
      ObjectNode body = json.createObjectNode();
      ArrayNode qs = body.putArray("queries");
      for (Query q : ask) {
        ObjectNode o = qs.addObject();
        o.putObject("package").put("name", q.name()).put("ecosystem", q.ecosystem());
        o.put("version", q.version());
      }
      JsonNode results = post("v1/querybatch", json.writeValueAsString(body)).path("results");
      Set<String> fetched = new LinkedHashSet<>();
      for (int i = 0; i < ask.size(); i++) {
        Query q = ask.get(i);
        List<Advisory> found = new ArrayList<>();
        for (JsonNode v : results.path(i).path("vulns")) {
          String id = v.path("id").asText(null);
          if (id == null || !id.matches("[A-Za-z0-9._:-]{1,100}")) {
            continue;
          }
          JsonNode rec = byId.get(id);
          if (rec == null && fetched.size() < MAX_IDS) {
            rec = get("v1/vulns/" + id);
            byId.put(id, rec);
            fetched.add(id);
          }
          if (rec != null) {
            found.addAll(forPackage(rec, q));
          }
        }
        byVersion.put(q.key(), new Cached(List.copyOf(found), now));
        out.put(q.key(), found);
      }
      lastReachable = true;
      return Optional.of(out);
    } catch (Exception e) {
      lastReachable = false;
      return Optional.empty();
    }
  }

  private List<Advisory> forPackage(JsonNode rec, Query q) {
    Map<String, List<Advisory>> map = new HashMap<>();
    OsvDatabase.add(map, rec, new int[1]);
    List<Advisory> out = new ArrayList<>();
    for (Advisory a : map.getOrDefault(q.ecosystem() + ":" + Advisory.normalize(q.ecosystem(), q.name()), List.of())) {
      out.add(a);
    }
    return out;
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return send(req);
  }

  private JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build());
  }

  private JsonNode send(HttpRequest req) throws Exception {
    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200 || r.body().length > 32 * 1024 * 1024) {
      throw new IllegalStateException("OSV answered " + r.statusCode());
    }
    return json.readTree(r.body());
  }
}
