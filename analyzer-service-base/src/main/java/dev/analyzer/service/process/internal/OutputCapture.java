package dev.analyzer.service.process.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a process, keeping at most {@code limit} bytes and discarding (but
 * still reading) the rest, so the process never blocks on a full pipe. Runs on its own thread;
 * {@link #text()} and {@link #truncated()} are read after {@link #run()} has returned.
 */
final class OutputCapture implements Runnable {

  private final InputStream in;
  private final int limit;
  private final ByteArrayOutputStream kept;
  private volatile boolean truncated;

  OutputCapture(InputStream in, int limit) {
    this.in = in;
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
      }
    } catch (IOException closedWhileReading) {
      // the stream was closed because the process was killed or outlived its reader
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
