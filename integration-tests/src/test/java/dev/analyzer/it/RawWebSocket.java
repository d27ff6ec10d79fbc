package dev.analyzer.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A deliberately minimal WebSocket client on a plain socket, so the fuzz test can send what a
 * correct client never would: text frames with invalid UTF-8, truncated frames, wrong opcodes. No
 * compression. Not thread-safe.
 */
final class RawWebSocket implements AutoCloseable {

  /** What came back for one frame. */
  enum Reply { TEXT, CLOSE, NOTHING }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Random random = new Random(1);
  private int lastCloseCode = -1;

  RawWebSocket(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
    byte[] key = new byte[16];
    random.nextBytes(key);
    String req = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    out.write(req.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("handshake failed: " + head);
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + head);
    }
  }

  /** Sends one masked frame with {@code opcode} and {@code payload}; {@code fin} false leaves it unfinished. */
  void frame(int opcode, byte[] payload, boolean fin) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
    f.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      f.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      f.write(0x80 | 126);
      f.write(payload.length >>> 8);
      f.write(payload.length);
    } else {
      f.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) payload.length >>> (8 * i)));
      }
    }
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    f.write(mask);
    for (int i = 0; i < payload.length; i++) {
      f.write(payload[i] ^ mask[i & 3]);
    }
    out.write(f.toByteArray());
    out.flush();
  }

  /** Writes raw bytes (for truncated frames). */
  void raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads the next frame: TEXT, CLOSE (connection closing), or NOTHING within the timeout. */
  Reply read() throws IOException {
    try {
      int b0 = in.read();
      if (b0 < 0) {
        return Reply.CLOSE;
      }
      int b1 = in.read();
      long len = b1 & 0x7f;
      if (len == 126) {
        len = (in.read() << 8) | in.read();
      } else if (len == 127) {
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | in.read();
        }
      }
      byte[] payload = in.readNBytes((int) len);
      int opcode = b0 & 0x0f;
      if (opcode == 0x8) {
        lastCloseCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        return Reply.CLOSE;
      }
      return opcode == 0x1 ? Reply.TEXT : read();
    } catch (SocketTimeoutException e) {
      return Reply.NOTHING;
    } catch (IOException e) {
      return Reply.CLOSE;
    }
  }

  int lastCloseCode() {
    return lastCloseCode;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
