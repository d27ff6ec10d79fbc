package dev.analyzer.performance.generator.internal;

import dev.analyzer.performance.generator.Scenario;
import dev.analyzer.http.target.Target;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The wire bytes of one scenario's request, encoded once per run: request line, {@code Host} (the
 * target's, never a resolved address), the scenario's headers, {@code Content-Length} when there is
 * a body. Each send writes a retained duplicate of a pooled buffer (recycled by Netty), so nothing is
 * encoded, copied or allocated per request.
 * Thread-safe after construction; {@link #release()} once the run is over.
 */
final class RequestBytes {

  static final String USER_AGENT = "analyzer-performance/0.1";

  private final ByteBuf raw;
  private final boolean head;

  RequestBytes(Target target, Scenario s) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(s.method()).append(' ').append(target.basePath()).append(s.path()).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(target.hostHeader()).append("\r\n");
    boolean agent = s.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("user-agent"));
    if (!agent) {
      sb.append("User-Agent: ").append(USER_AGENT).append("\r\n");
    }
    s.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    byte[] body = s.body();
    if (body.length > 0 || s.method().equals("POST") || s.method().equals("PUT") || s.method().equals("PATCH")) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    }
    sb.append("\r\n");
    byte[] headBytes = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(headBytes.length + body.length);
    b.writeBytes(headBytes).writeBytes(body);
    this.raw = b;
    this.head = s.method().equals("HEAD");
  }

  /** A view to write once; the write releases it. */
  ByteBuf forWrite() {
    return raw.retainedDuplicate();
  }

  /** True for HEAD (the answer has no body). */
  boolean head() {
    return head;
  }

  /** The encoded size. */
  int size() {
    return raw.readableBytes();
  }

  /** Frees the buffer; call only when no connection can write any more. */
  void release() {
    if (raw.refCnt() > 0) {
      raw.release();
    }
  }
}
