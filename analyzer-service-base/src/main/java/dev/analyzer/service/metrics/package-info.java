/** Service metrics behind a small interface, with a Prometheus adapter. */
package dev.analyzer.service.metrics;
