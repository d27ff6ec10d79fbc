/**
 * The normalized finding model shared by every analyzer: {@link dev.analyzer.core.findings.Finding},
 * its {@link dev.analyzer.core.findings.Location}, {@link dev.analyzer.core.findings.Severity} and
 * stable {@link dev.analyzer.core.findings.Fingerprints}.
 */
package dev.analyzer.core.findings;
