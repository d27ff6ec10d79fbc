package dev.analyzer.performance.generator.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * An allocation-free HTTP/1.1 response reader that keeps only what a load test needs: the status,
 * whether the connection may be reused, and where the response ends ({@code Content-Length},
 * chunked, or the connection's close). Bodies are skipped, never copied. Interim 1xx responses are
 * passed over. One per connection; not thread-safe (used on its event loop only).
 */
final class ResponseParser implements ByteProcessor {

  /** Thrown (preallocated, no stack) when the bytes are not an HTTP/1.x response. */
  static final class MalformedResponse extends Exception {
    MalformedResponse(String message) {
      super(message, null, false, false);
    }
  }

  private static final MalformedResponse BAD_STATUS = new MalformedResponse("malformed status line");
  private static final MalformedResponse BAD_LENGTH = new MalformedResponse("malformed Content-Length");
  private static final MalformedResponse BAD_CHUNK = new MalformedResponse("malformed chunk size");
  private static final MalformedResponse TOO_LARGE = new MalformedResponse("response head larger than 64 KiB");
  private static final int MAX_HEAD = 64 * 1024;

  private static final int VERSION = 0;
  private static final int CODE = 1;
  private static final int REASON = 2;
  private static final int LINE_START = 3;
  private static final int NAME = 4;
  private static final int VALUE = 5;
  private static final int HEAD_END_LF = 6;
  private static final int BODY = 7;
  private static final int CHUNK_SIZE = 8;
  private static final int CHUNK_EXT = 9;
  private static final int CHUNK_DATA = 10;
  private static final int CHUNK_END = 11;
  private static final int TRAILER_START = 12;
  private static final int TRAILER = 13;
  private static final int UNTIL_CLOSE = 14;
  private static final int DONE = 15;

  private static final int H_OTHER = 0;
  private static final int H_LENGTH = 1;
  private static final int H_ENCODING = 2;
  private static final int H_CONNECTION = 3;
  private static final byte[][] NAMES = {null, bytes("content-length"), bytes("transfer-encoding"),
      bytes("connection")};

  private int state = VERSION;
  private boolean headRequest;
  private int versionMinor;
  private int status;
  private int headBytes;
  private final byte[] name = new byte[20];
  private int nameLength;
  private int header;
  private long contentLength;
  private final byte[] value = new byte[48];
  private int valueLength;
  private boolean chunked;
  private boolean close;
  private boolean keepAlive;
  private long remaining;
  private MalformedResponse error;

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Starts reading the answer to a new request; {@code head} for a HEAD request (no body follows). */
  void reset(boolean head) {
    headRequest = head;
    startResponse();
  }

  private void startResponse() {
    state = VERSION;
    versionMinor = -1;
    status = 0;
    headBytes = 0;
    nameLength = 0;
    contentLength = -1;
    chunked = false;
    close = false;
    keepAlive = false;
    error = null;
  }

  /**
   * Consumes the readable bytes of {@code buf} that belong to the current response.
   *
   * @return true when the response is complete
   * @throws MalformedResponse when the bytes are not a response
   */
  boolean feed(ByteBuf buf) throws MalformedResponse {
    while (buf.isReadable() && state != DONE) {
      if (state == BODY || state == CHUNK_DATA) {
        int n = (int) Math.min(remaining, buf.readableBytes());
        buf.skipBytes(n);
        remaining -= n;
        if (remaining == 0) {
          state = state == BODY ? DONE : CHUNK_END;
        }
      } else if (state == UNTIL_CLOSE) {
        buf.skipBytes(buf.readableBytes());
      } else {
        int end = buf.forEachByte(this);
        if (error != null) {
          throw error;
        }
        buf.readerIndex(end < 0 ? buf.writerIndex() : end + 1);
      }
    }
    return state == DONE;
  }

  /** True while the body runs until the connection closes; the close then completes it. */
  boolean endsAtClose() {
    return state == UNTIL_CLOSE;
  }

  /** The status of the last response. */
  int status() {
    return status;
  }

  /** True when the server asked to close (or HTTP/1.0 without keep-alive, or a body ending at close). */
  boolean mustClose() {
    return close || (versionMinor == 0 && !keepAlive) || state == UNTIL_CLOSE;
  }

  @Override
  public boolean process(byte b) {
    if (++headBytes > MAX_HEAD && state < BODY) {
      error = TOO_LARGE;
      return false;
    }
    switch (state) {
      case VERSION -> {
        if (b == ' ') {
          if (versionMinor < 0) {
            error = BAD_STATUS;
            return false;
          }
          state = CODE;
        } else if (headBytes == 8) {
          versionMinor = b == '0' ? 0 : 1;
        } else if (headBytes > 8 || (headBytes <= 5 && b != "HTTP/".charAt(headBytes - 1))) {
          error = BAD_STATUS;
          return false;
        }
      }
      case CODE -> {
        if (b >= '0' && b <= '9' && status < 1000) {
          status = status * 10 + (b - '0');
        } else if ((b == ' ' || b == '\r' || b == '\n') && status >= 100 && status <= 999) {
          state = b == '\n' ? LINE_START : REASON;
        } else {
          error = BAD_STATUS;
          return false;
        }
      }
      case REASON -> {
        if (b == '\n') {
          state = LINE_START;
        }
      }
      case LINE_START -> {
        if (b == '\r') {
          state = HEAD_END_LF;
        } else if (b == '\n') {
          return endOfHead();
        } else {
          nameLength = 0;
          header = H_OTHER;
          state = NAME;
          return headerName(b);
        }
      }
      case NAME -> {
        return headerName(b);
      }
      case VALUE -> {
        return headerValue(b);
      }
      case HEAD_END_LF -> {
        if (b != '\n') {
          error = BAD_STATUS;
          return false;
        }
        return endOfHead();
      }
      case CHUNK_SIZE -> {
        int d = Character.digit(b, 16);
        if (d >= 0) {
          if (remaining > (Long.MAX_VALUE >> 4)) {
            error = BAD_CHUNK;
            return false;
          }
          remaining = remaining * 16 + d;
        } else if (b == ';' || b == ' ' || b == '\t' || b == '\r') {
          state = CHUNK_EXT;
        } else if (b == '\n') {
          return chunkSizeRead();
        } else {
          error = BAD_CHUNK;
          return false;
        }
      }
      case CHUNK_EXT -> {
        if (b == '\n') {
          return chunkSizeRead();
        }
      }
      case CHUNK_END -> {
        if (b == '\n') {
          remaining = 0;
          state = CHUNK_SIZE;
        }
      }
      case TRAILER_START -> {
        if (b == '\n') {
          state = DONE;
          return false;
        } else if (b != '\r') {
          state = TRAILER;
        }
      }
      case TRAILER -> {
        if (b == '\n') {
          state = TRAILER_START;
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private boolean headerName(byte b) {
    if (b == ':') {
      header = H_OTHER;
      for (int h = 1; h < NAMES.length; h++) {
        if (java.util.Arrays.equals(name, 0, nameLength, NAMES[h], 0, NAMES[h].length)) {
          header = h;
        }
      }
      valueLength = 0;
      state = VALUE;
      if (header == H_LENGTH) {
        contentLength = -1;
      }
    } else if (b == '\n') {
      state = LINE_START;
    } else if (nameLength < name.length) {
      name[nameLength++] = (byte) (b >= 'A' && b <= 'Z' ? b + 32 : b);
    }
    // A name longer than the buffer is kept at its length, which no header we read has.
    return true;
  }

  private boolean headerValue(byte b) {
    if (b == '\n') {
      finishValue();
      state = LINE_START;
      return true;
    }
    if (header == H_LENGTH) {
      if (b >= '0' && b <= '9') {
        long v = contentLength < 0 ? 0 : contentLength;
        if (v > (Long.MAX_VALUE / 10) - 10) {
          error = BAD_LENGTH;
          return false;
        }
        contentLength = v * 10 + (b - '0');
      } else if (b != ' ' && b != '\t' && b != '\r') {
        error = BAD_LENGTH;
        return false;
      }
    } else if (header != H_OTHER && valueLength < value.length) {
      value[valueLength++] = (byte) (b >= 'A' && b <= 'Z' ? b + 32 : b);
    }
    return true;
  }

  private void finishValue() {
    if (header == H_ENCODING) {
      chunked |= contains("chunked");
    } else if (header == H_CONNECTION) {
      close |= contains("close");
      keepAlive |= contains("keep-alive");
    }
  }

  private boolean contains(String word) {
    outer:
    for (int i = 0; i + word.length() <= valueLength; i++) {
      for (int j = 0; j < word.length(); j++) {
        if (value[i + j] != word.charAt(j)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private boolean endOfHead() {
    if (status < 200) {
      boolean head = headRequest;
      startResponse();
      headRequest = head;
      return true;
    }
    if (headRequest || status == 204 || status == 304) {
      state = DONE;
    } else if (chunked) {
      remaining = 0;
      state = CHUNK_SIZE;
    } else if (contentLength >= 0) {
      remaining = contentLength;
      state = contentLength == 0 ? DONE : BODY;
    } else {
      state = UNTIL_CLOSE;
    }
    return false;
  }

  private boolean chunkSizeRead() {
    if (remaining == 0) {
      state = TRAILER_START;
      return true;
    }
    state = CHUNK_DATA;
    return false;
  }
}
