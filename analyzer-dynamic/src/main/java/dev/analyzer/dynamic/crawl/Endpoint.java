package dev.analyzer.dynamic.crawl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request shape the crawler found: method, path (no query) and its parameters, with where it was
 * found. Immutable; {@link #mergedWith} joins two sightings of the same method and path.
 *
 * @param method upper-case method
 * @param path the path below the target, starting with {@code /}
 * @param params its parameters (query, form, JSON body or path segment)
 * @param sources how it was found: link, form, script, openapi, robots, sitemap, seed, config
 */
public record Endpoint(String method, String path, List<Param> params, Set<String> sources) {

  public Endpoint {
    params = List.copyOf(params);
    sources = Set.copyOf(sources);
  }

  /** The key the site map merges on. */
  public String key() {
    return method + " " + path;
  }

  /** True when the method does not change state (GET, HEAD, OPTIONS). */
  public boolean safe() {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  /** This endpoint with the params and sources of {@code other} added (first sample wins). */
  public Endpoint mergedWith(Endpoint other) {
    Map<String, Param> byName = new LinkedHashMap<>();
    for (Param p : params) {
      byName.put(p.where() + ":" + p.name(), p);
    }
    for (Param p : other.params) {
      byName.merge(p.where() + ":" + p.name(), p, (a, b) -> a.sample().isEmpty() ? b : a);
    }
    Set<String> src = new java.util.LinkedHashSet<>(sources);
    src.addAll(other.sources);
    return new Endpoint(method, path, new ArrayList<>(byName.values()), src);
  }

  /** The parameters of kind {@code where}. */
  public List<Param> params(Param.Where where) {
    return params.stream().filter(p -> p.where() == where).toList();
  }
}
