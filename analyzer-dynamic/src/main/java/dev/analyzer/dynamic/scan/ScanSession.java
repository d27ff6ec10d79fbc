package dev.analyzer.dynamic.scan;

import dev.analyzer.dynamic.auth.Authenticator;
import dev.analyzer.dynamic.checks.active.ActiveScanner;
import dev.analyzer.dynamic.checks.active.MethodProbes;
import dev.analyzer.dynamic.checks.exposure.ExposureChecks;
import dev.analyzer.dynamic.checks.passive.PassiveChecks;
import dev.analyzer.dynamic.crawl.Crawler;
import dev.analyzer.dynamic.crawl.Endpoint;
import dev.analyzer.dynamic.crawl.Param;
import dev.analyzer.dynamic.crawl.SiteMap;
import dev.analyzer.dynamic.endpoints.EndpointSpec;
import dev.analyzer.dynamic.endpoints.EndpointTester;
import dev.analyzer.dynamic.ports.PortScanner;
import dev.analyzer.dynamic.probe.Prober;
import dev.analyzer.dynamic.report.FindingSink;
import dev.analyzer.dynamic.report.Rules;
import dev.analyzer.dynamic.tools.ScanProxy;
import dev.analyzer.http.client.HttpEngine;
import dev.analyzer.http.client.HttpSession;
import dev.analyzer.http.client.Reachability;
import dev.analyzer.http.client.RequestBudget;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.TargetPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * One scan: its HTTP session (one budget for the engine and every tool behind {@link #proxy()}),
 * its workers, and the phases of the built-in engine in order: connectivity, login, crawl, passive
 * extras (TRACE/OPTIONS, CORS), exposed files, active probes, ports, endpoint tests. Each phase
 * reports progress with counts; when the budget runs out the remaining work is listed in
 * {@link ScanReport#skipped()}. Not thread-safe: one caller drives it; close it to free the session.
 */
public final class ScanSession implements AutoCloseable {

  private final TargetPolicy policy;
  private final List<ResolvedTarget> targets;
  private final ScanConfig config;
  private final ScanListener listener;
  private final LongSupplier nanoTime;
  private final HttpSession http;
  private final ExecutorService workers;
  private final FindingSink sink = new FindingSink();
  private final long start;
  private ScanProxy proxy;
  private final Map<String, Prober> probersByOrigin = new java.util.concurrent.ConcurrentHashMap<>();

  ScanSession(HttpEngine engine, TargetPolicy policy, List<ResolvedTarget> targets, ScanConfig config,
      ScanListener listener, LongSupplier nanoTime) {
    this.policy = policy;
    this.targets = targets;
    this.config = config;
    this.listener = listener;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    RequestBudget.Builder b = RequestBudget.builder().withMaxRequests(config.maxRequests())
        .withMaxDuration(config.maxDuration()).withNanoTime(nanoTime);
    if (config.maxRate() > 0) {
      b.withMaxRate(config.maxRate());
    }
    this.http = engine.openSession(b.build(), true);
    this.workers = Executors.newFixedThreadPool(config.concurrency(), r -> {
      Thread t = new Thread(r, "dynamic-probe");
      t.setDaemon(true);
      return t;
    });
    listener.started(http);
  }

  /** The findings collected so far (engine and whatever tools added). */
  public FindingSink sink() {
    return sink;
  }

  /** The scan's HTTP session (its budget holds for every request of the scan). */
  public HttpSession http() {
    return http;
  }

  /** The targets of this scan. */
  public List<ResolvedTarget> targets() {
    return targets;
  }

  /** A local forward proxy for tools: every request is policy-checked and drawn from this scan's budget. */
  public synchronized ScanProxy proxy() throws IOException {
    if (proxy == null) {
      proxy = ScanProxy.start(http, policy, config.requestTimeout(), config.allowUnsafeMethods());
      proxy.useLogin(origin -> {
        Prober p = probersByOrigin.get(origin);
        return p == null ? List.of() : p.authHeaders();
      });
    }
    return proxy;
  }

  /** Runs the built-in engine. */
  public ScanReport runEngine() throws InterruptedException {
    List<String> skipped = new ArrayList<>();
    Map<String, Object> stats = new LinkedHashMap<>();
    listener.progress("connectivity", "checking " + targets.size() + " target(s)", 0, targets.size());
    List<Reachability.Result> reach = Reachability.check(http, targets, config.requestTimeout()).join();
    Semaphore permits = new Semaphore(config.concurrency());
    PassiveChecks passive = new PassiveChecks();
    List<Prober> probers = new ArrayList<>();
    Map<String, Map<String, List<String>>> rootHeaders = new java.util.concurrent.ConcurrentHashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      if (reach.get(i).answered()) {
        Prober p = new Prober(http, targets.get(i), permits, config.requestTimeout(), nanoTime);
        if (config.runs("passive")) {
          p.addObserver(passive);
        }
        String key = targets.get(i).target().toString();
        p.addObserver(r -> {
          if (r.request().path().equals("/") && r.request().method().equals("GET")) {
            rootHeaders.putIfAbsent(key, r.response().headers());
          }
        });
        probers.add(p);
      } else {
        skipped.add(targets.get(i).target() + ": not scanned, " + reach.get(i).status().wire() + " ("
            + reach.get(i).detail() + ")");
      }
    }
    listener.progress("connectivity", probers.size() + " of " + targets.size() + " target(s) answered",
        targets.size(), targets.size());
    Map<String, String> auth = new LinkedHashMap<>();
    if (config.auth() != null) {
      for (Prober p : probers) {
        auth.put(p.target().target().toString(), Authenticator.login(p, config.auth()).status());
      }
    }
    for (Prober p : probers) {
      probersByOrigin.putIfAbsent(p.origin(), p);
    }
    Crawler crawler = new Crawler(probers, config.maxDepth(), config.maxUrls(), workers, listener::cancelled);
    Map<Prober, SiteMap> maps = probers.isEmpty() ? Map.of() : crawler.crawl((level, urls) ->
        listener.progress("crawl", "depth " + level + ": " + urls + " URL(s) fetched", urls, null));
    for (Prober p : probers) {
      for (EndpointSpec e : config.endpoints()) {
        maps.get(p).add(new Endpoint(e.method(), e.path(), List.of(), java.util.Set.of("config")));
      }
    }
    int endpoints = maps.values().stream().mapToInt(m -> m.endpoints().size()).sum();
    int params = maps.values().stream().mapToInt(SiteMap::parameterCount).sum();
    listener.progress("crawl", endpoints + " endpoint(s), " + params + " parameter(s)", endpoints, endpoints);
    stats.putAll(crawler.stats());
    if (config.runs("passive")) {
      int done = 0;
      for (Prober p : probers) {
        if (!listener.cancelled()) {
          MethodProbes.methods(p, passive.aggregate());
          MethodProbes.cors(p, maps.get(p).endpoints(), 20, passive.aggregate());
        }
        listener.progress("passive", passive.responsesChecked() + " response(s) checked, methods and CORS of "
            + p.origin(), ++done, probers.size());
      }
    }
    if (config.runs("exposure")) {
      ExposureChecks exposure = new ExposureChecks(sink, workers);
      int n = 0;
      for (Prober p : probers) {
        if (!listener.cancelled() && !p.exhausted()) {
          n += exposure.scan(p, maps.get(p).directories(), maps.get(p).endpoints());
          listener.progress("exposure", n + " candidate path(s) checked", n, null);
        }
      }
      stats.put("exposure_paths_checked", n);
    }
    ActiveScanner active = new ActiveScanner(sink, config.timeDelay(), config.allowUnsafeMethods(), workers,
        listener::cancelled);
    if (config.runs("active")) {
      for (Prober p : probers) {
        if (!listener.cancelled()) {
          active.scan(p, maps.get(p).endpoints(), (done, total) -> {
            if (done == total || done % 5 == 0) {
              listener.progress("active", done + " of " + total + " parameter(s) probed on " + p.origin(), done,
                  total);
            }
          });
        }
      }
      stats.put("parameters_probed", active.probed());
      if (active.skippedUnsafe() > 0) {
        skipped.add(active.skippedUnsafe() + " parameter(s) of POST/PUT/PATCH/DELETE endpoints not probed "
            + "(set config.allow_unsafe_methods to probe them)");
      }
    }
    List<PortScanner.Result> ports = new ArrayList<>();
    if (config.runs("ports") && !listener.cancelled()) {
      ports = ports(probers);
    }
    Map<String, Map<String, Object>> endpointTests = new LinkedHashMap<>();
    if (!config.endpoints().isEmpty()) {
      for (Prober p : probers) {
        listener.progress("endpoints", "testing " + config.endpoints().size() + " endpoint(s) on " + p.origin(), 0,
            config.endpoints().size());
        endpointTests.put(p.target().target().toString(), EndpointTester.run(p, config.endpoints(), nanoTime));
      }
    }
    sink.addAll(passive.findings());
    var budget = http.budget().snapshot();
    stats.putAll(budget.toMap());
    stats.put("responses_checked_passively", passive.responsesChecked());
    stats.put("endpoints_found", endpoints);
    stats.put("parameters_found", params);
    if (budget.budgetExhausted()) {
      skipped.add("request budget exhausted (" + (budget.exhaustedBy() == null ? "limit reached" : budget.exhaustedBy())
          + "): " + active.skippedBudget() + " parameter(s) not fully probed; later phases may be incomplete");
    }
    if (listener.cancelled()) {
      skipped.add("the scan was cancelled before it finished");
    }
    Map<String, Map<String, Object>> siteMaps = new LinkedHashMap<>();
    maps.forEach((p, m) -> siteMaps.put(p.target().target().toString(), summary(m)));
    return new ScanReport(targets, reach, sink.findings(), sink.suspects(), ports, endpointTests, siteMaps, stats,
        skipped, auth, Duration.ofNanos(nanoTime.getAsLong() - start), rootHeaders);
  }

  private List<PortScanner.Result> ports(List<Prober> probers) throws InterruptedException {
    List<PortScanner.Result> out = new ArrayList<>();
    PortScanner scanner = new PortScanner(workers, config.portTimeout());
    java.util.Set<String> hosts = new java.util.LinkedHashSet<>();
    List<Integer> targetPorts = targets.stream().map(t -> t.target().port()).toList();
    for (Prober p : probers) {
      if (!hosts.add(p.target().address().getAddress().getHostAddress())) {
        continue;
      }
      listener.progress("ports", "scanning " + config.ports().size() + " port(s) on " + p.target().target().host(), 0,
          config.ports().size());
      PortScanner.Result r = scanner.scan(p.target(), config.ports());
      out.add(r);
      listener.progress("ports", r.open().size() + " open port(s) on " + r.host(), r.scanned().size(),
          r.scanned().size());
      for (int port : r.open()) {
        if (PortScanner.CLEARTEXT.contains(port)) {
          // the original's manager reports every open 21/23 of the first host, target or not
          sink.add(Rules.CLEARTEXT_PORT.at("tcp://" + p.target().target().hostHeader().replaceFirst(":\\d+$", "")
              + ":" + port, null, null).withEvidence("port " + port + " accepts TCP connections").build());
        }
        if (PortScanner.DATA_STORES.contains(port) && !targetPorts.contains(port)) {
          sink.add(Rules.OPEN_PORT.at("tcp://" + p.target().target().hostHeader().replaceFirst(":\\d+$", "") + ":"
              + port, null, null).withEvidence("port " + port + " accepts TCP connections").build());
        }
      }
    }
    return out;
  }

  private static Map<String, Object> summary(SiteMap m) {
    Map<String, Object> s = new LinkedHashMap<>();
    List<Map<String, Object>> eps = new ArrayList<>();
    for (Endpoint e : m.endpoints()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("method", e.method());
      one.put("path", e.path());
      one.put("parameters", e.params().stream().map(p -> p.where() == Param.Where.PATH ? "path:" + p.name()
          : p.name() + " (" + p.where().name().toLowerCase(java.util.Locale.ROOT) + ")").toList());
      one.put("found_by", List.copyOf(e.sources()));
      eps.add(one);
    }
    s.put("endpoints", eps);
    s.put("directories", m.directories());
    s.put("found_by", m.sources());
    return s;
  }

  @Override
  public void close() {
    if (proxy != null) {
      proxy.close();
    }
    http.close();
    workers.shutdownNow();
  }
}
