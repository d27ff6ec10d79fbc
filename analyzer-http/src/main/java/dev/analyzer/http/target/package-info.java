/**
 * URL targets of a running app and the policy that decides which an analysis may reach.
 * {@link dev.analyzer.http.target.Targets} reads a request's targets the way the original did;
 * {@link dev.analyzer.http.target.TargetPolicy} allows loopback only unless
 * {@code ANALYZER_ALLOWED_TARGETS} lists more, resolves each host once through a
 * {@link dev.analyzer.http.target.HostResolver} and pins the answer in a
 * {@link dev.analyzer.http.target.ResolvedTarget}, the only thing the HTTP engine connects to.
 */
package dev.analyzer.http.target;
