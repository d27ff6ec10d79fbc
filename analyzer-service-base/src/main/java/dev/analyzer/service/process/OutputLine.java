package dev.analyzer.service.process;

/**
 * One line a process wrote, as given to a {@link LineListener}: the text without its line end
 * ({@code \n}, or {@code \r\n}), decoded as UTF-8.
 *
 * @param stream which stream it came from
 * @param text the line, at most {@link ProcessSpec#maxLineBytes()} bytes of it
 * @param truncated true when the line was longer than that bound: {@code text} is its first bytes
 *     (cut at a character boundary) and the rest of the line up to its end was not delivered
 */
public record OutputLine(Stream stream, String text, boolean truncated) {

  /** The stream of a line. */
  public enum Stream {
    STDOUT,
    STDERR
  }

  public OutputLine {
    if (stream == null || text == null) {
      throw new IllegalArgumentException("output line needs a stream and a text");
    }
  }
}
