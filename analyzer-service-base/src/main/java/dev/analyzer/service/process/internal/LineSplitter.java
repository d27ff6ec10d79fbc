package dev.analyzer.service.process.internal;

import dev.analyzer.service.process.OutputLine;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts the bytes of one output stream into {@link OutputLine}s: a line ends at {@code \n} (a
 * {@code \r} before it is dropped); a line longer than {@code maxLineBytes} is truncated to that many
 * bytes at a UTF-8 character boundary and flagged, and its remaining bytes up to the line end are
 * skipped, so memory stays bounded whatever a tool prints. Not thread-safe: one per stream, fed by
 * that stream's reader.
 */
final class LineSplitter {

  private final OutputLine.Stream stream;
  private final int maxLineBytes;
  private final Consumer<OutputLine> sink;
  private byte[] line = new byte[256];
  private int length;
  private boolean overflowed;

  LineSplitter(OutputLine.Stream stream, int maxLineBytes, Consumer<OutputLine> sink) {
    this.stream = stream;
    this.maxLineBytes = maxLineBytes;
    this.sink = sink;
  }

  void feed(byte[] buf, int off, int len) {
    int end = off + len;
    int start = off;
    for (int i = off; i < end; i++) {
      if (buf[i] == '\n') {
        append(buf, start, i - start);
        emit();
        start = i + 1;
      }
    }
    append(buf, start, end - start);
  }

  /** Delivers a last line that had no line end. */
  void finish() {
    if (length > 0 || overflowed) {
      emit();
    }
  }

  private void append(byte[] buf, int off, int len) {
    if (len == 0 || overflowed) {
      return;
    }
    int room = maxLineBytes - length;
    if (len > room) {
      overflowed = true;
      len = room;
    }
    if (length + len > line.length) {
      byte[] bigger = new byte[Math.min(maxLineBytes, Math.max(line.length * 2, length + len))];
      System.arraycopy(line, 0, bigger, 0, length);
      line = bigger;
    }
    System.arraycopy(buf, off, line, length, len);
    length += len;
  }

  private void emit() {
    int end = overflowed ? characterBoundary(line, length) : length;
    if (!overflowed && end > 0 && line[end - 1] == '\r') {
      end--;
    }
    OutputLine out = new OutputLine(stream, new String(line, 0, end, StandardCharsets.UTF_8), overflowed);
    length = 0;
    overflowed = false;
    if (line.length > 64 * 1024) {
      line = new byte[256];
    }
    sink.accept(out);
  }

  /** The largest {@code n <= length} such that {@code bytes[0, n)} does not end inside a UTF-8 sequence. */
  static int characterBoundary(byte[] bytes, int length) {
    for (int back = 1; back <= 4 && back <= length; back++) {
      int b = bytes[length - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue;
      }
      int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return needed > back ? length - back : length;
    }
    return length;
  }
}
