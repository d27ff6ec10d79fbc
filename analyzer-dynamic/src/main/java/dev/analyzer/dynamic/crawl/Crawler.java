package dev.analyzer.dynamic.crawl;

import dev.analyzer.dynamic.probe.ProbeRequest;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.probe.Prober;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Breadth-first crawl of every target of a scan at once: from each target's root and the usual
 * seeds (robots.txt, sitemap.xml, OpenAPI/Swagger documents), following links, frames, scripts,
 * redirects and forms, and reading API paths out of scripts and API documents. A URL is kept only
 * when its origin and base path are one of the targets' (so a link, a redirect or a script can never
 * send the engine to another host); links that look state-changing (logout, delete, reset) are not
 * followed. Depth and URLs per target are capped. Each level's fetches run in parallel on the
 * given executor. Not thread-safe: one crawl per instance.
 */
public final class Crawler {

  /** Paths fetched besides the root (at depth 1). */
  public static final List<String> SEEDS = List.of("/robots.txt", "/sitemap.xml", "/openapi.json", "/swagger.json",
      "/api/openapi.json", "/api/swagger.json", "/v3/api-docs", "/swagger/v1/swagger.json", "/api-docs");
  private static final Pattern DANGEROUS = Pattern.compile(
      "(?i)/(log-?out|sign-?out|delete|remove|destroy|reset|drop|shutdown|unsubscribe)(/|$|\\?|\\.)");
  private static final Pattern BINARY = Pattern.compile(
      "(?i).*\\.(png|jpe?g|gif|svg|ico|webp|bmp|woff2?|ttf|eot|otf|pdf|zip|gz|tar|mp[34]|webm|avi|mov|css|map)$");
  private static final Pattern ID_SEGMENT = Pattern.compile("\\d{1,12}|[0-9a-fA-F]{24}|[0-9a-fA-F-]{32,36}");
  private static final int MAX_PARAMS = 40;

  private final List<Prober> probers;
  private final Map<Prober, SiteMap> maps = new LinkedHashMap<>();
  private final Map<Prober, Integer> fetched = new HashMap<>();
  private final Map<String, String> templates = new HashMap<>();
  private final int maxDepth;
  private final int maxUrls;
  private final ExecutorService workers;
  private final BooleanSupplier cancelled;
  private int skippedOutOfScope;
  private int skippedUnsafe;
  private int skippedOverCap;

  /** A crawl of {@code probers}' targets, capped at {@code maxDepth} and {@code maxUrls} per target. */
  public Crawler(List<Prober> probers, int maxDepth, int maxUrls, ExecutorService workers, BooleanSupplier cancelled) {
    this.probers = List.copyOf(probers);
    this.maxDepth = maxDepth;
    this.maxUrls = maxUrls;
    this.workers = workers;
    this.cancelled = cancelled;
    for (Prober p : probers) {
      maps.put(p, new SiteMap());
      fetched.put(p, 0);
    }
  }

  private record Visit(Prober prober, String path, int depth) {}

  /** Crawls and returns each target's site map; {@code onLevel} gets (level, URLs fetched so far). */
  public Map<Prober, SiteMap> crawl(java.util.function.BiConsumer<Integer, Integer> onLevel) throws InterruptedException {
    List<Visit> level = new ArrayList<>();
    Set<String> queued = new java.util.HashSet<>();
    for (Prober p : probers) {
      level.add(new Visit(p, "/", 0));
      queued.add(p.origin() + " /");
      for (String seed : SEEDS) {
        level.add(new Visit(p, seed, Math.min(1, maxDepth)));
        queued.add(p.origin() + " " + seed);
      }
    }
    int depth = 0;
    while (!level.isEmpty() && !cancelled.getAsBoolean()) {
      List<Future<ProbeResult>> results = new ArrayList<>();
      List<Visit> sent = new ArrayList<>();
      for (Visit v : level) {
        if (fetched.get(v.prober) >= maxUrls || v.prober.exhausted()) {
          skippedOverCap++;
          continue;
        }
        fetched.merge(v.prober, 1, Integer::sum);
        maps.get(v.prober).visited(v.path);
        sent.add(v);
        results.add(workers.submit(() -> v.prober.send(ProbeRequest.get(v.path))));
      }
      List<Visit> next = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        Visit v = sent.get(i);
        ProbeResult r;
        try {
          r = results.get(i).get();
        } catch (java.util.concurrent.ExecutionException e) {
          continue;
        }
        if (r == null) {
          continue;
        }
        boolean seed = SEEDS.contains(v.path);
        if (!seed || r.status() < 400) {
          register(v.prober, v.path, "GET", List.of(), seed ? "seed" : "link");
        }
        for (Found f : extract(v, r)) {
          Visit follow = route(f);
          if (follow != null && f.fetch() && v.depth + 1 <= maxDepth
              && queued.add(follow.prober.origin() + " " + follow.path)) {
            next.add(new Visit(follow.prober, follow.path, v.depth + 1));
          }
        }
      }
      onLevel.accept(depth++, fetched.values().stream().mapToInt(Integer::intValue).sum());
      level = next;
    }
    return maps;
  }

  private List<Found> extract(Visit v, ProbeResult r) {
    URI base = URI.create(r.url());
    String body = r.body();
    List<Found> out = new ArrayList<>();
    if (r.status() >= 300 && r.status() < 400 && r.header("location") != null) {
      HtmlExtractor.add(out, base, r.header("location"), "GET", List.of(), "link", true);
      return out;
    }
    if (r.status() >= 400 && !r.isHtml()) {
      return out;
    }
    String type = r.mediaType();
    String path = v.path.toLowerCase(Locale.ROOT);
    if (r.isHtml()) {
      out.addAll(HtmlExtractor.extract(base, body));
    } else if (type.contains("javascript") || type.contains("ecmascript") || path.matches(".*\\.m?js(\\?.*)?$")) {
      out.addAll(ScriptExtractor.extract(base, body));
    } else if (path.startsWith("/robots.txt")) {
      out.addAll(ApiDocExtractor.robots(base, body));
    } else if (type.contains("xml") && body.contains("<loc>")) {
      out.addAll(ApiDocExtractor.sitemap(base, body));
    } else if (ApiDocExtractor.isApiDoc(body)) {
      out.addAll(ApiDocExtractor.openApi(base, body));
    } else if (type.contains("json")) {
      out.addAll(ScriptExtractor.extract(base, body));
    }
    return out;
  }

  /** Registers {@code f} with its target's site map; the visit to make when it should be fetched, else null. */
  private Visit route(Found f) {
    URI u = f.uri();
    for (Prober p : probers) {
      String origin = p.origin();
      String base = p.target().target().basePath();
      String uOrigin = u.getScheme().toLowerCase(Locale.ROOT) + "://" + hostPort(u);
      String raw = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      if (!uOrigin.equals(origin) || !(raw.equals(base) || raw.startsWith(base + "/") || base.isEmpty())) {
        continue;
      }
      String rel = raw.substring(base.length());
      rel = rel.isEmpty() ? "/" : rel;
      String withQuery = rel + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
      if (DANGEROUS.matcher(withQuery).find()) {
        skippedUnsafe++;
        return null;
      }
      List<Param> params = new ArrayList<>(f.params());
      String canonical = register(p, withQuery, f.method(), params, f.source());
      boolean binary = BINARY.matcher(rel).matches();
      return binary || canonical == null ? null : new Visit(p, withQuery, 0);
    }
    skippedOutOfScope++;
    return null;
  }

  private static String hostPort(URI u) {
    String h = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      h = h.substring(1, h.length() - 1);
    }
    boolean https = u.getScheme().equalsIgnoreCase("https");
    int port = u.getPort() == -1 ? (https ? 443 : 80) : u.getPort();
    String hh = h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    return (https && port == 443) || (!https && port == 80) ? hh : hh + ":" + port;
  }

  /** Adds the endpoint; returns its canonical path (null when the target's endpoint cap was reached). */
  private String register(Prober p, String pathAndQuery, String method, List<Param> extra, String source) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    List<Param> params = new ArrayList<>();
    if (q >= 0) {
      for (String pair : pathAndQuery.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        params.add(new Param(name, Param.Where.QUERY, eq < 0 ? "" : decode(pair.substring(eq + 1))));
      }
    }
    String[] segs = path.split("/", -1);
    StringBuilder template = new StringBuilder();
    for (int i = 1; i < segs.length; i++) {
      boolean id = ID_SEGMENT.matcher(segs[i]).matches();
      template.append('/').append(id ? "{}" : segs[i]);
      if (id) {
        params.add(new Param(Integer.toString(i), Param.Where.PATH, segs[i]));
      }
    }
    String canonical = templates.computeIfAbsent(p.origin() + " " + method + " " + template, k -> path);
    params.addAll(extra);
    if (params.size() > MAX_PARAMS) {
      params = params.subList(0, MAX_PARAMS);
    }
    SiteMap map = maps.get(p);
    if (map.endpoints().size() >= maxUrls * 4) {
      skippedOverCap++;
      return null;
    }
    map.add(new Endpoint(method.toUpperCase(Locale.ROOT), canonical, params, Set.of(source)));
    return canonical;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Crawl counters for the result: fetched, out of scope, unsafe links skipped, over caps. */
  public Map<String, Object> stats() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("urls_fetched", fetched.values().stream().mapToInt(Integer::intValue).sum());
    m.put("links_out_of_scope", skippedOutOfScope);
    m.put("unsafe_links_not_followed", skippedUnsafe);
    m.put("skipped_over_caps", skippedOverCap);
    return m;
  }
}
