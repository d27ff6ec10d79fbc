/**
 * Running external tools for an analysis: argument lists, timeouts, output caps, lines streamed to
 * a {@link dev.analyzer.service.process.LineListener} as they arrive, and whole process trees
 * killed on cancel, deadline, disconnect or shutdown; {@link dev.analyzer.service.process.ToolDaemon}
 * for tools that run as a server beside the service.
 */
package dev.analyzer.service.process;
