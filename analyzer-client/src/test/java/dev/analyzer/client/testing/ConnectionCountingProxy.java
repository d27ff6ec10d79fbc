package dev.analyzer.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 (port 0) in front of a real service that counts the client's
 * connections as the wire shows them: a connection counts from its accept until the first end of
 * stream from either side, and the count drops <em>before</em> that end is passed on. The client
 * returns a pool permit only once its socket has closed, which (when the server drops TCP first, as
 * the client lets it) follows the server's end of stream relayed here; so {@link #peak()} is exact
 * for the client's bound, whatever the service's own bookkeeping of closes lags. A client that
 * closed first and reconnected at once could be counted twice for a moment: that would break the
 * "the server drops TCP first" rule this proxy checks. Plain blocking sockets, two daemon threads
 * per connection. Thread-safe.
 */
public final class ConnectionCountingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();
  private volatile boolean closed;

  public ConnectionCountingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "counting-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url() {
    return "ws://127.0.0.1:" + server.getLocalPort();
  }

  /** The most client connections open at once so far. */
  public int peak() {
    return peak.get();
  }

  /** Client connections open now. */
  public int open() {
    return open.get();
  }

  /** Client connections accepted so far. */
  public int total() {
    return total.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        total.incrementAndGet();
        peak.accumulateAndGet(open.incrementAndGet(), Math::max);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicInteger pumps = new AtomicInteger(2);
        Socket upstream = new Socket();
        sockets.add(client);
        sockets.add(upstream);
        try {
          upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
        } catch (IOException e) {
          end(ended);
          client.close();
          continue;
        }
        pump(client, upstream, ended, pumps);
        pump(upstream, client, ended, pumps);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void end(AtomicBoolean ended) {
    if (ended.compareAndSet(false, true)) {
      open.decrementAndGet();
    }
  }

  /** Copies {@code from} to {@code to}; the last of a connection's two pumps closes both sockets. */
  private void pump(Socket from, Socket to, AtomicBoolean ended, AtomicInteger pumps) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // a reset or the proxy closing: the connection ends all the same
      }
      end(ended);
      try {
        to.shutdownOutput();
        if (pumps.decrementAndGet() == 0) {
          from.close();
          to.close();
          sockets.remove(from);
          sockets.remove(to);
        }
      } catch (IOException e) {
        // the other side is gone already
      }
    }, "counting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
