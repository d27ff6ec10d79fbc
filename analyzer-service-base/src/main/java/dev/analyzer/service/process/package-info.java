/**
 * Running external tools for an analysis: argument lists, timeouts, output caps, and whole process
 * trees killed on cancel, deadline, disconnect or shutdown.
 */
package dev.analyzer.service.process;
