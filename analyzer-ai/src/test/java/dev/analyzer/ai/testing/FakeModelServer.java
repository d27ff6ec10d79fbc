package dev.analyzer.ai.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback OpenAI-compatible (and Ollama-native) server for tests: each request is answered by
 * the next scripted {@link Reply} (the last one repeats), and every request is recorded with its
 * path, headers and JSON body. Thread-safe.
 */
public final class FakeModelServer implements AutoCloseable {

  /** Writes one response. */
  @FunctionalInterface
  public interface Reply {
    void write(HttpExchange ex) throws IOException;
  }

  /** A recorded request. */
  public record Recorded(String method, String path, Headers headers, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Reply last;

  public FakeModelServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-model");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Queues replies, answered in order; the last repeats. */
  public FakeModelServer then(Reply... replies) {
    for (Reply r : replies) {
      script.add(r);
    }
    return this;
  }

  /** {@code http://127.0.0.1:port/v1}. */
  public URI v1() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  /** {@code http://127.0.0.1:port}. */
  public URI root() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Recorded> requests() {
    return requests;
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    JsonNode json = body.length == 0 ? null : JSON.readTree(body);
    requests.add(new Recorded(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestHeaders(), json));
    Reply r = script.poll();
    if (r != null) {
      last = r;
    } else {
      r = last;
    }
    try {
      if (r == null) {
        ex.sendResponseHeaders(500, -1);
      } else {
        r.write(ex);
      }
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- replies ----

  /** An SSE 200 whose body is {@code raw} exactly (events, comments, CRLF as written). */
  public static Reply sse(String raw) {
    return ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  /** An SSE 200 written in pieces, flushed after each. */
  public static Reply ssePieces(String... pieces) {
    return ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (String p : pieces) {
          out.write(p.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    };
  }

  /** A status with a JSON body and headers. */
  public static Reply status(int code, String body, Map<String, String> headers) {
    return ex -> {
      headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.getResponseHeaders().set("Content-Type", "application/json");
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(code, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    };
  }

  /** A streamed answer whose content is {@code content}, split into three deltas, with usage and [DONE]. */
  public static Reply answer(String content) {
    return sse(stream(content, "stop"));
  }

  /** The SSE text of a streamed answer with {@code finish}. */
  public static String stream(String content, String finish) {
    int a = content.length() / 3;
    int b = 2 * content.length() / 3;
    return chunk(content.substring(0, a), null) + chunk(content.substring(a, b), null)
        + chunk(content.substring(b), finish)
        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":30,\"cost\":0.00042}}\n\n"
        + "data: [DONE]\n\n";
  }

  /** One chat.completion.chunk event. */
  public static String chunk(String delta, String finish) {
    try {
      return "data: " + JSON.writeValueAsString(Map.of("id", "c1", "model", "test/model", "choices",
          List.of(finish == null ? Map.of("index", 0, "delta", Map.of("content", delta))
              : Map.of("index", 0, "delta", Map.of("content", delta), "finish_reason", finish)))) + "\n\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
