package dev.analyzer.service.process;

/**
 * Receives a process's output line by line while it runs (see {@link ProcessSpec#onLine}).
 *
 * <p>Calls come from the runner's output threads, never from a Netty event loop, and never two at
 * once for one process (stdout and stderr calls are serialised), so an implementation needs no
 * locking of its own for one process. Lines of one stream arrive in order. A last line without a
 * line end is delivered when the stream ends. A listener that throws is logged once per stream and
 * called again for the next line; capture goes on. A slow listener slows the tool down (its pipe
 * fills): keep it quick, hand heavy work elsewhere.
 */
@FunctionalInterface
public interface LineListener {

  /** A listener that ignores every line. */
  LineListener NONE = line -> { };

  /** Called once per line. */
  void onLine(OutputLine line) throws Exception;
}
