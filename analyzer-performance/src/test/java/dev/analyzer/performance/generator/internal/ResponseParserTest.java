package dev.analyzer.performance.generator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

  private static ByteBuf buf(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  /** Feeds {@code wire} split at {@code cut}; returns the parser after the response completed. */
  private static ResponseParser feedSplit(String wire, int cut, boolean head) throws Exception {
    ResponseParser p = new ResponseParser();
    p.reset(head);
    ByteBuf a = buf(wire.substring(0, cut));
    ByteBuf b = buf(wire.substring(cut));
    boolean done = p.feed(a);
    assertThat(a.isReadable()).isFalse();
    if (!done) {
      done = p.feed(b);
    }
    assertThat(done).as("complete when split at %d", cut).isTrue();
    assertThat(b.isReadable()).as("nothing left over when split at %d", cut).isFalse();
    a.release();
    b.release();
    return p;
  }

  @Test
  void fixedLengthBodyIsSkippedWhereverTheBytesSplit() throws Exception {
    String wire = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-LENGTH: 10\r\n\r\n0123456789";
    for (int cut = 0; cut <= wire.length(); cut++) {
      ResponseParser p = feedSplit(wire, cut, false);
      assertThat(p.status()).isEqualTo(200);
      assertThat(p.mustClose()).isFalse();
    }
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailersEndsAfterTheTrailers() throws Exception {
    String wire = "HTTP/1.1 201 Created\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n5;a=b\r\nhello\r\n"
        + "A\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n";
    for (int cut = 0; cut <= wire.length(); cut++) {
      assertThat(feedSplit(wire, cut, false).status()).isEqualTo(201);
    }
  }

  @Test
  void interimAnswersArePassedOverAndBodilessAnswersEndAtTheHead() throws Exception {
    String wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 99\r\n\r\n";
    assertThat(feedSplit(wire, 10, false).status()).isEqualTo(204);
    assertThat(feedSplit("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n", 3, true).status()).isEqualTo(200);
    assertThat(feedSplit("HTTP/1.1 304 Not Modified\n\n", 5, false).status()).isEqualTo(304);
  }

  @Test
  void closeIsRequiredByConnectionCloseByHttp10AndByABodyWithoutLength() throws Exception {
    assertThat(feedSplit("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 4, false)
        .mustClose()).isTrue();
    assertThat(feedSplit("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 4, false).mustClose()).isTrue();
    assertThat(feedSplit("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", 4, false)
        .mustClose()).isFalse();
    ResponseParser p = new ResponseParser();
    p.reset(false);
    assertThat(p.feed(buf("HTTP/1.1 200 OK\r\n\r\nbody until the end"))).isFalse();
    assertThat(p.endsAtClose()).isTrue();
    assertThat(p.mustClose()).isTrue();
  }

  @Test
  void bytesThatAreNotAResponseAreRefused() {
    for (String bad : new String[] {"GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}) {
      ResponseParser p = new ResponseParser();
      p.reset(false);
      assertThatThrownBy(() -> p.feed(buf(bad))).as(bad).isInstanceOf(ResponseParser.MalformedResponse.class);
    }
  }

  @Test
  void aHeadLargerThan64KibIsRefused() {
    ResponseParser p = new ResponseParser();
    p.reset(false);
    String huge = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(70_000) + "\r\n\r\n";
    assertThatThrownBy(() -> p.feed(buf(huge))).hasMessageContaining("64 KiB");
  }

  @Test
  void theParserIsReusedForTheNextAnswer() throws Exception {
    ResponseParser p = new ResponseParser();
    for (int i = 0; i < 3; i++) {
      p.reset(false);
      ByteBuf b = buf("HTTP/1.1 " + (200 + i) + " X\r\nContent-Length: 3\r\n\r\nabc");
      assertThat(p.feed(b)).isTrue();
      assertThat(p.status()).isEqualTo(200 + i);
      b.release();
    }
  }
}
