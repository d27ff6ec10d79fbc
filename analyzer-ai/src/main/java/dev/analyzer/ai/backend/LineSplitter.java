package dev.analyzer.ai.backend;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into UTF-8 lines (LF, CRLF or CR end a line, also across buffers) and
 * counts bytes as they arrive, so a cap holds even inside a line that never ends: {@link #feed}
 * returns false once more than {@code maxBytes} arrived in all. Not thread-safe (one stream).
 */
final class LineSplitter {

  private final Consumer<String> lines;
  private final long maxBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private long total;
  private boolean lastWasCr;

  LineSplitter(Consumer<String> lines, long maxBytes) {
    this.lines = lines;
    this.maxBytes = maxBytes;
  }

  /** Feeds {@code buf}; false (and nothing more is read from it) once the total passed the cap. */
  boolean feed(ByteBuffer buf) {
    while (buf.hasRemaining()) {
      if (++total > maxBytes) {
        return false;
      }
      byte b = buf.get();
      if (b == '\n') {
        if (!lastWasCr) {
          emit();
        }
        lastWasCr = false;
      } else if (b == '\r') {
        emit();
        lastWasCr = true;
      } else {
        lastWasCr = false;
        line.write(b);
      }
    }
    return true;
  }

  /** The end of the stream: a last line without a terminator is emitted. */
  void end() {
    if (line.size() > 0) {
      emit();
    }
  }

  /** Bytes seen so far. */
  long total() {
    return total;
  }

  /** The bytes of the unfinished line, decoded. */
  String pending() {
    return line.toString(StandardCharsets.UTF_8);
  }

  private void emit() {
    String s = line.toString(StandardCharsets.UTF_8);
    line.reset();
    lines.accept(s);
  }
}
