package dev.analyzer.http.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP/1.1 server on 127.0.0.1, port 0 (com.sun.net.httpserver, keep-alive on), with routes
 * the engine tests need. It counts connections by the client's remote port.
 *
 * <ul>
 *   <li>{@code /hello}: 200 "hello"</li>
 *   <li>{@code /big?n=N}: N bytes of 'x'</li>
 *   <li>{@code /gzip?n=N}: N bytes of 'a', gzip-encoded</li>
 *   <li>{@code /status?code=C}: status C</li>
 *   <li>{@code /fail/}: 503</li>
 *   <li>{@code /redirect?to=URL}: 302 to URL</li>
 *   <li>{@code /hold}: never answers until the server stops</li>
 *   <li>{@code /cookie/set}: Set-Cookie sid=abc; {@code /cookie/echo}: the Cookie header</li>
 * </ul>
 */
public final class TestServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Set<Integer> remotePorts = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger held = new AtomicInteger();
  private final CountDownLatch stop = new CountDownLatch(1);

  private TestServer(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static TestServer http() throws IOException {
    return new TestServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64));
  }

  public static TestServer https(SSLContext tls) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    s.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new TestServer(s);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Distinct client connections seen so far. */
  public int connections() {
    return remotePorts.size();
  }

  public int requests() {
    return requests.get();
  }

  /** Requests parked in {@code /hold}. */
  public int held() {
    return held.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    remotePorts.add(ex.getRemoteAddress().getPort());
    requests.incrementAndGet();
    URI uri = ex.getRequestURI();
    Map<String, String> q = query(uri);
    ex.getRequestBody().readAllBytes();
    switch (uri.getPath()) {
      case "/hello" -> send(ex, 200, "hello".getBytes(StandardCharsets.UTF_8));
      case "/host" -> send(ex, 200, String.valueOf(ex.getRequestHeaders().getFirst("Host")).getBytes());
      case "/big" -> {
        byte[] b = new byte[Integer.parseInt(q.get("n"))];
        Arrays.fill(b, (byte) 'x');
        send(ex, 200, b);
      }
      case "/gzip" -> {
        byte[] plain = new byte[Integer.parseInt(q.get("n"))];
        Arrays.fill(plain, (byte) 'a');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(plain);
        }
        ex.getResponseHeaders().set("Content-Encoding", "gzip");
        send(ex, 200, out.toByteArray());
      }
      case "/status" -> send(ex, Integer.parseInt(q.get("code")), new byte[0]);
      case "/fail/" -> send(ex, 503, new byte[0]);
      case "/redirect" -> {
        ex.getResponseHeaders().set("Location", q.get("to"));
        send(ex, 302, new byte[0]);
      }
      case "/hold" -> {
        held.incrementAndGet();
        try {
          stop.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        ex.close();
      }
      case "/cookie/set" -> {
        ex.getResponseHeaders().add("Set-Cookie", "sid=abc; Path=/");
        send(ex, 200, new byte[0]);
      }
      case "/cookie/echo" -> send(ex, 200, String.valueOf(ex.getRequestHeaders().getFirst("Cookie")).getBytes());
      default -> send(ex, 404, new byte[0]);
    }
  }

  private static void send(HttpExchange ex, int code, byte[] body) throws IOException {
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new ConcurrentHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        int eq = kv.indexOf('=');
        out.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    stop.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
