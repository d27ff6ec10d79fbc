package dev.analyzer.service.process.internal;

import dev.analyzer.service.process.LineListener;
import dev.analyzer.service.process.OutputLine;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Hands the lines of one process to its {@link LineListener}, one call at a time (stdout and stderr
 * readers share it), and keeps a throwing listener from stopping capture: the first failure per
 * stream is logged with the tool's name, later ones at debug. The listener runs with the MDC of the
 * thread that created the dispatcher (the analysis thread: its correlation id). Thread-safe.
 */
final class LineDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(LineDispatcher.class);

  private final String tool;
  private final LineListener listener;
  private final Set<OutputLine.Stream> failed = EnumSet.noneOf(OutputLine.Stream.class);
  private final Map<String, String> mdc;

  LineDispatcher(String tool, LineListener listener) {
    this.tool = tool;
    this.listener = listener;
    this.mdc = MDC.getCopyOfContextMap();
  }

  synchronized void deliver(OutputLine line) {
    Map<String, String> before = MDC.getCopyOfContextMap();
    if (mdc != null) {
      MDC.setContextMap(mdc);
    }
    try {
      listener.onLine(line);
    } catch (Exception | LinkageError | AssertionError e) {
      if (failed.add(line.stream())) {
        LOG.warn("line listener of {} failed on {}; capture goes on, later failures logged at debug: {}",
            tool, line.stream(), e.toString());
      } else {
        LOG.debug("line listener of {} failed on {}: {}", tool, line.stream(), e.toString());
      }
    } finally {
      if (before == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(before);
      }
    }
  }
}
