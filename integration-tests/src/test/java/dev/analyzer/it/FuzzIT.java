package dev.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded fuzz run against the real service (fixed seed, 3,000 frames): invalid UTF-8, deep
 * nesting, huge numbers, wrong field types, strings below and above the 1 MiB inbound cap, binary
 * frames, truncated frames. Every frame gets an error reply or a clean close; the service stays
 * healthy and its memory bounded.
 */
class FuzzIT {

  private static final int FRAMES = 3000;
  private static final long SEED = 20261127L;

  @TempDir
  Path tmp;

  private static final int INBOUND_CAP = 1024 * 1024;
  private static String lastNote = "";

  enum Kind { INVALID_UTF8, DEEP_NESTING, HUGE_NUMBER, WRONG_TYPES, BIG_STRING, BINARY, TRUNCATED, GARBAGE_JSON, VALID_PING }

  @Test
  void hostileFramesGetErrorsOrCleanClosesAndTheServiceStaysHealthy() throws Exception {
    try (ServiceProcess svc = ServiceProcess.start(ServiceProcess.freePort(), Map.of("ANALYZER_SOURCE_ROOTS", tmp.toString(),
        "ANALYZER_MAX_FRAME_BYTES", String.valueOf(8 * 1024 * 1024)))) {
      Random r = new Random(SEED);
      Map<Kind, int[]> outcomes = new EnumMap<>(Kind.class);
      RawWebSocket ws = new RawWebSocket(svc.port());
      for (int i = 0; i < FRAMES; i++) {
        Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
        if (kind == Kind.BIG_STRING && r.nextInt(20) != 0) {
          kind = Kind.WRONG_TYPES;
        }
        RawWebSocket.Reply reply = send(ws, kind, r);
        outcomes.computeIfAbsent(kind, k -> new int[3])[reply.ordinal()]++;
        assertThat(reply).as("frame %d (%s, %s) got neither a reply nor a close", i, kind, lastNote).isNotEqualTo(RawWebSocket.Reply.NOTHING);
        if (reply == RawWebSocket.Reply.CLOSE) {
          ws.close();
          ws = new RawWebSocket(svc.port());
        }
      }
      ws.close();

      assertThat(svc.healthStatus()).isEqualTo(200);
      assertThat(rssMegabytes(svc.pid())).as("service RSS after the fuzz run").isLessThan(900);
      assertThat(outcomes.get(Kind.VALID_PING)[RawWebSocket.Reply.TEXT.ordinal()]).isPositive();
      assertThat(outcomes.get(Kind.INVALID_UTF8)[RawWebSocket.Reply.CLOSE.ordinal()]).isPositive();
      assertThat(outcomes.get(Kind.BIG_STRING)[RawWebSocket.Reply.TEXT.ordinal()]).as("strings under the cap").isPositive();
      assertThat(outcomes.get(Kind.BIG_STRING)[RawWebSocket.Reply.CLOSE.ordinal()]).as("strings over the cap").isPositive();
      System.out.println("fuzz outcomes (text, close, nothing): " + describe(outcomes));
    }
  }

  private static RawWebSocket.Reply send(RawWebSocket ws, Kind kind, Random r) throws Exception {
    switch (kind) {
      case INVALID_UTF8:
        ws.frame(0x1, new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}, true);
        break;
      case DEEP_NESTING:
        int depth = 100 + r.nextInt(5000);
        ws.frame(0x1, ("{\"type\":\"ping\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8), true);
        break;
      case HUGE_NUMBER:
        ws.frame(0x1, ("{\"type\":\"static_analyze\",\"app_number\":" + "9".repeat(1 + r.nextInt(3000)) + "}")
            .getBytes(StandardCharsets.UTF_8), true);
        break;
      case WRONG_TYPES:
        String[] bad = {"{\"type\":\"static_analyze\",\"tools\":5}", "{\"type\":7}", "{\"type\":\"cancel_request\",\"id\":[]}",
            "{\"type\":\"static_analyze\",\"config\":\"x\"}", "{\"type\":\"progress_update\",\"percent\":1e9}",
            "{\"type\":\"health_check\",\"timestamp\":\"yesterday\"}", "[]", "null", "\"str\"", "{\"type\":null}"};
        ws.frame(0x1, bad[r.nextInt(bad.length)].getBytes(StandardCharsets.UTF_8), true);
        break;
      case BIG_STRING:
        // Half below the 1 MiB inbound cap (ANALYZER_MAX_REQUEST_BYTES, parsed), half above it (closed
        // with 1009; the service may drop TCP while the rest is still being written, which is that close).
        int size = r.nextBoolean() ? (256 + r.nextInt(640)) * 1024 : (1 + r.nextInt(4)) * 1024 * 1024;
        byte[] big = ("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
        lastNote = big.length + " bytes";
        try {
          ws.frame(0x1, big, true);
        } catch (java.net.SocketException closedMidWrite) {
          lastNote += ", write failed: " + closedMidWrite.getMessage();
          return big.length > INBOUND_CAP ? RawWebSocket.Reply.CLOSE : RawWebSocket.Reply.NOTHING;
        }
        break;
      case BINARY:
        byte[] bin = new byte[r.nextInt(2000)];
        r.nextBytes(bin);
        ws.frame(0x2, bin, true);
        break;
      case TRUNCATED:
        ws.raw(new byte[] {(byte) 0x81, (byte) (0x80 | 126), 0x10});
        ws.close();
        return RawWebSocket.Reply.CLOSE;
      case GARBAGE_JSON:
        byte[] g = new byte[1 + r.nextInt(300)];
        for (int i = 0; i < g.length; i++) {
          g[i] = (byte) (32 + r.nextInt(95));
        }
        ws.frame(0x1, g, true);
        break;
      default:
        ws.frame(0x1, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true);
    }
    return ws.read();
  }

  private static long rssMegabytes(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private static String describe(Map<Kind, int[]> outcomes) {
    StringBuilder sb = new StringBuilder();
    outcomes.forEach((k, v) -> sb.append(k).append('=').append(v[0]).append('/').append(v[1]).append('/').append(v[2]).append(' '));
    return sb.toString();
  }
}
