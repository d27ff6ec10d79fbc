/** SARIF 2.1.0 output of findings, shaped for GitHub code scanning. */
package dev.analyzer.core.sarif;
