package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.service.process.internal.RestartBackoff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends progress events to the original's gateway ({@code GATEWAY_URL}) as well, in its shape
 * ({@link OriginalProgressShape}).
 *
 * <p>Best effort and never in the analysis's way: {@link #publish} only appends to a bounded line
 * ({@code ANALYZER_GATEWAY_QUEUE_SIZE}; when it is full the oldest event is dropped and counted) and
 * returns. One sender thread keeps one WebSocket connection open, sends the events in order, and
 * after a failure reconnects with a growing pause ({@value #FIRST_RETRY_MILLIS} ms doubling up to
 * {@value #MAX_RETRY_SECONDS} s), while new events keep replacing the oldest. A gateway that is
 * down, refuses or stalls costs the analyses nothing.
 *
 * <p>Thread-safe. The owner must {@link #close()} it.
 */
public final class ProgressGateway implements AutoCloseable {

  static final long FIRST_RETRY_MILLIS = 200;
  static final long MAX_RETRY_SECONDS = 10;
  /** How long one connect or one send may take before the connection counts as failed. */
  static final Duration IO_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(ProgressGateway.class);
  private static final ProgressGateway OFF = new ProgressGateway();

  private final URI url;
  private final int capacity;
  private final ProtocolCodec codec;
  private final RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(FIRST_RETRY_MILLIS),
      Duration.ofSeconds(MAX_RETRY_SECONDS));
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** Guarded by {@link #lock}. */
  private final ArrayDeque<ProgressUpdate> line = new ArrayDeque<>();
  /** Guarded by {@link #lock}. */
  private boolean closed;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final ExecutorService clientThreads;
  private final HttpClient http;
  private final Thread sender;
  private volatile WebSocket socket;

  private ProgressGateway() {
    this.url = null;
    this.capacity = 0;
    this.codec = null;
    this.clientThreads = null;
    this.http = null;
    this.sender = null;
  }

  private ProgressGateway(URI url, int capacity, ProtocolCodec codec) {
    this.url = url;
    this.capacity = capacity;
    this.codec = codec;
    this.clientThreads = Executors.newCachedThreadPool(new NamedThreads("gateway-client"));
    this.http = HttpClient.newBuilder().executor(clientThreads).connectTimeout(IO_TIMEOUT).build();
    this.sender = new Thread(this::sendLoop, "gateway-sender");
    this.sender.setDaemon(true);
  }

  /** A gateway that sends nothing (no {@code GATEWAY_URL}). */
  public static ProgressGateway off() {
    return OFF;
  }

  /**
   * A started gateway sending to {@code url}, or {@link #off()} when {@code url} is null.
   *
   * @param capacity events that may wait; the oldest is dropped beyond
   */
  public static ProgressGateway start(URI url, int capacity, ProtocolCodec codec) {
    if (url == null) {
      return OFF;
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("gateway queue size must be >= 1, got " + capacity);
    }
    ProgressGateway g = new ProgressGateway(url, capacity, codec);
    g.sender.start();
    return g;
  }

  /** True when events go somewhere. */
  public boolean isOn() {
    return url != null;
  }

  /** Queues {@code update} for the gateway without waiting; drops the oldest queued event when full. */
  public void publish(ProgressUpdate update) {
    if (url == null) {
      return;
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (line.size() >= capacity) {
        line.pollFirst();
        dropped.incrementAndGet();
      }
      line.addLast(update);
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Events the gateway accepted. */
  public long sent() {
    return sent.get();
  }

  /** Events dropped because the line was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Events waiting. */
  public int queued() {
    lock.lock();
    try {
      return line.size();
    } finally {
      lock.unlock();
    }
  }

  /** True while the connection to the gateway is open. */
  public boolean isConnected() {
    WebSocket ws = socket;
    return ws != null && !ws.isOutputClosed() && !ws.isInputClosed();
  }

  /** What health shows: connected, sent, dropped, queued (never the URL, which may carry a secret). */
  public Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connected", isConnected());
    out.put("sent", sent());
    out.put("dropped", dropped());
    out.put("queued", queued());
    return out;
  }

  private void sendLoop() {
    int failures = 0;
    while (true) {
      ProgressUpdate next = awaitNext();
      if (next == null) {
        return;
      }
      try {
        WebSocket ws = connected();
        ws.sendText(codec.encode(OriginalProgressShape.of(next)), true).get(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        removeHead(next);
        sent.incrementAndGet();
        failures = 0;
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        failures++;
        if (failures == 1) {
          LOG.warn("progress gateway {} unreachable, retrying in the background: {}", safeUrl(), describe(e));
        } else {
          LOG.debug("progress gateway {} still unreachable: {}", safeUrl(), describe(e));
        }
        dropSocket();
        if (!pause(backoff.delay(failures))) {
          return;
        }
      }
    }
  }

  private WebSocket connected() throws Exception {
    WebSocket ws = socket;
    if (ws != null && !ws.isOutputClosed() && !ws.isInputClosed()) {
      return ws;
    }
    ws = http.newWebSocketBuilder().connectTimeout(IO_TIMEOUT).buildAsync(url, new WebSocket.Listener() { })
        .get(IO_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    socket = ws;
    LOG.info("progress gateway {} connected", safeUrl());
    return ws;
  }

  private void dropSocket() {
    WebSocket ws = socket;
    socket = null;
    if (ws != null) {
      ws.abort();
    }
  }

  /** The head of the line (left there until it is sent), waiting for one; null once closed. */
  private ProgressUpdate awaitNext() {
    lock.lock();
    try {
      while (!closed && line.isEmpty()) {
        changed.awaitUninterruptibly();
      }
      return closed ? null : line.peekFirst();
    } finally {
      lock.unlock();
    }
  }

  private void removeHead(ProgressUpdate sentEvent) {
    lock.lock();
    try {
      // The head may have been dropped meanwhile (line full); then it is gone already.
      if (line.peekFirst() == sentEvent) {
        line.pollFirst();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits {@code pause} unless closed first; false once closed. */
  private boolean pause(Duration pause) {
    lock.lock();
    try {
      long left = pause.toNanos();
      while (!closed && left > 0) {
        left = changed.awaitNanos(left);
      }
      return !closed;
    } catch (InterruptedException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  private String safeUrl() {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
  }

  private static String describe(Throwable e) {
    Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Stops the sender and closes the connection; events still queued are dropped (not counted). */
  @Override
  public void close() {
    if (url == null) {
      return;
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      line.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    sender.interrupt();
    WebSocket ws = socket;
    if (ws != null) {
      try {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "service stopping").get(1, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("closing the progress gateway connection: {}", describe(e));
      }
      ws.abort();
    }
    clientThreads.shutdownNow();
  }
}
