package dev.analyzer.service.process.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a process, keeping at most {@code limit} bytes and discarding (but
 * still reading) the rest, so the process never blocks on a full pipe; with a {@link LineSplitter}
 * it also hands each line on as it arrives (the last one, without a line end, when the stream
 * ends or is closed). Runs on its own thread;
 * {@link #text()} and {@link #truncated()} are read after {@link #run()} has returned.
 */
final class OutputCapture implements Runnable {

  private final InputStream in;
  private final int limit;
  private final ByteArrayOutputStream kept;
  private final LineSplitter lines;
  private volatile boolean truncated;

  OutputCapture(InputStream in, int limit) {
    this(in, limit, null);
  }

  /** @param lines gets every byte read, or {@code null} when nobody listens for lines */
  OutputCapture(InputStream in, int limit, LineSplitter lines) {
    this.in = in;
    this.lines = lines;
    this.limit = limit;
    this.kept = new ByteArrayOutputStream(Math.min(limit, 8192));
  }

  @Override
  public void run() {
    byte[] buf = new byte[8192];
    try (InputStream stream = in) {
      int n;
      while ((n = stream.read(buf)) != -1) {
        int room = limit - kept.size();
        if (room > 0) {
          kept.write(buf, 0, Math.min(room, n));
        }
        if (n > room) {
          truncated = true;
        }
        if (lines != null) {
          lines.feed(buf, 0, n);
        }
      }
    } catch (IOException closedWhileReading) {
      // the stream was closed because the process was killed or outlived its reader
    } finally {
      if (lines != null) {
        lines.finish();
      }
    }
  }

  String text() {
    synchronized (kept) {
      return kept.toString(StandardCharsets.UTF_8);
    }
  }

  boolean truncated() {
    return truncated;
  }
}
