/**
 * The HTTP engine: {@link dev.analyzer.http.client.HttpEngine} (event loops, TLS, configuration),
 * {@link dev.analyzer.http.client.HttpSession} (one analysis: pools, cookies, budget, cancel),
 * {@link dev.analyzer.http.client.HttpRequest}/{@link dev.analyzer.http.client.HttpResponse},
 * {@link dev.analyzer.http.client.RequestBudget} and {@link dev.analyzer.http.client.Reachability}.
 * Every failure is an {@link dev.analyzer.http.client.HttpFailure} whose kind says what happened.
 *
 * <p>Body cap: by default a body past {@code maxBodyBytes} (counted after gzip/deflate inflation) is
 * cut and flagged ({@code truncated()}); a request may ask to fail instead ({@code BODY_TOO_LARGE}).
 * Redirects are off unless a request sets {@code withMaxRedirects(n)}; every hop to another origin is
 * re-checked by the engine's {@code TargetPolicy} and drawn from the budget.
 */
package dev.analyzer.http.client;
