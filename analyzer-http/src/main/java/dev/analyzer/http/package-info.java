/**
 * What the network analyzers (dynamic, performance, ai) share: {@code target} (URL targets under a
 * loopback-only policy, resolved once so no DNS rebinding can slip between check and use, and
 * reachability) and {@code client} (one asynchronous HTTP/1.1 engine with keep-alive pools,
 * timeouts, body caps and per-analysis request budgets). A module of its own because the static
 * service needs none of it, and the load generator's benchmark needs only this. Work in progress:
 * see issue 13 and the module README section.
 */
package dev.analyzer.http;
