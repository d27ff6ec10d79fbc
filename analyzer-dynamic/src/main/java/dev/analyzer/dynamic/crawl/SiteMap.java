package dev.analyzer.dynamic.crawl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the crawl of one target found: endpoints (merged by method and path) and the directories of
 * the paths seen (for the exposed-file baselines). Thread-safe.
 */
public final class SiteMap {

  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private final Set<String> directories = new LinkedHashSet<>(List.of("/"));
  private final Set<String> visited = new LinkedHashSet<>();
  private final Map<String, Integer> bySource = new LinkedHashMap<>();

  /** Adds (or merges) {@code e}. */
  public synchronized void add(Endpoint e) {
    endpoints.merge(e.key(), e, Endpoint::mergedWith);
    for (String s : e.sources()) {
      bySource.merge(s, 1, Integer::sum);
    }
    String p = e.path();
    int slash = p.lastIndexOf('/');
    while (slash > 0 && directories.size() < 200) {
      directories.add(p.substring(0, slash + 1));
      slash = p.lastIndexOf('/', slash - 1);
    }
  }

  synchronized void visited(String pathAndQuery) {
    visited.add(pathAndQuery);
  }

  /** Every endpoint, in discovery order. */
  public synchronized List<Endpoint> endpoints() {
    return new ArrayList<>(endpoints.values());
  }

  /** Directories of discovered paths, {@code /} first. */
  public synchronized List<String> directories() {
    return new ArrayList<>(directories);
  }

  /** URLs (path and query) the crawler fetched. */
  public synchronized List<String> visited() {
    return new ArrayList<>(visited);
  }

  /** Endpoint sightings per source (link, form, script, openapi, ...). */
  public synchronized Map<String, Integer> sources() {
    return new LinkedHashMap<>(bySource);
  }

  /** Parameters over every endpoint. */
  public synchronized int parameterCount() {
    return endpoints.values().stream().mapToInt(e -> e.params().size()).sum();
  }
}
