/**
 * What the network analyzers (dynamic, performance, ai) share: {@link dev.analyzer.http.target}
 * (URL targets under a loopback-only policy, resolved once so no DNS rebinding can slip between
 * check and use) and {@link dev.analyzer.http.client} (one asynchronous HTTP/1.1 engine with
 * keep-alive pools, timeouts, body caps, per-analysis request budgets and reachability). A module
 * of its own because the static service needs none of it, and the load generator's benchmark needs
 * only this.
 *
 * <h2>Use in a service</h2>
 * <pre>{@code
 * // once per service
 * TargetPolicy policy = TargetPolicy.fromEnvironment(Environment.system(), HostResolver.system());
 * HttpEngine engine = HttpEngine.builder().withTargetPolicy(policy)
 *     .withSelfSignedOnLoopback(true)           // local dev apps with their own certificates
 *     .build();                                  // close() on shutdown
 *
 * // per analysis
 * List<ResolvedTarget> targets = new ArrayList<>();
 * for (Target t : Targets.of(request, appDir)) { // target_urls, target_url, or .env conventions
 *   try {
 *     targets.add(policy.check(t));             // resolved once, pinned
 *   } catch (TargetRefusedException e) {
 *     throw e.toProtocolException(request.id()); // invalid_request naming host, addresses, setting
 *   }
 * }
 * RequestBudget budget = RequestBudget.builder().withMaxRequests(500).withMaxRate(20)
 *     .withMaxDuration(Duration.ofMinutes(5)).build();
 * try (HttpSession session = engine.openSession(budget, true)) { // close() on cancel or deadline
 *   List<Reachability.Result> reach = Reachability.check(session, targets, Duration.ofSeconds(5)).join();
 *   String status = Reachability.analysisStatus(reach); // success | partial | targets_unreachable
 *   HttpResponse r = session.send(HttpRequest.builder(targets.get(0)).withPath("/api/items")
 *       .withMaxRedirects(3).withMaxBodyBytes(256 * 1024, false).build()).join();
 *   // r.status(), r.bodyText(), r.truncated(); budget.snapshot(): requests_sent, budget_exhausted
 * }
 * }</pre>
 *
 * <h2>Settings</h2>
 * {@link dev.analyzer.http.HttpOptions#TABLE}: {@code ANALYZER_ALLOWED_TARGETS}.
 */
package dev.analyzer.http;
