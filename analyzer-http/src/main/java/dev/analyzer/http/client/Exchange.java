package dev.analyzer.http.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * One request/response on one connection (one hop of a redirect chain): what to send, where the
 * result goes, and the budget its body bytes count against. Confined to the channel's event loop
 * once started.
 */
final class Exchange {

  final HttpRequest request;
  final URI uri;
  final String cookieHeader;
  final RequestBudget budget;
  final int redirects;
  final CompletableFuture<HttpResponse> future = new CompletableFuture<>();
  /** Set (before {@link #future} fails) when a reused connection closed before any byte of the answer. */
  volatile boolean staleConnection;

  Exchange(HttpRequest request, String cookieHeader, RequestBudget budget, int redirects) {
    this.request = request;
    this.uri = request.uri();
    this.cookieHeader = cookieHeader;
    this.budget = budget;
    this.redirects = redirects;
  }
}
