package dev.analyzer.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server whose keep-alive timer fires just as the next request arrives: it answers the first
 * request of each connection (keep-alive) and closes the connection, unanswered, on the second. The
 * engine must retry the idempotent request once on a new connection; a POST is not retried.
 */
class StaleConnectionTest {

  @Test
  void idempotentRequestOnAConnectionClosedUnansweredIsRetriedOnce() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
         HttpEngine engine = HttpEngine.builder().withTargetPolicy(HttpEngineTest.POLICY).build()) {
      Thread acceptor = new Thread(() -> {
        while (!ss.isClosed()) {
          try {
            Socket s = ss.accept();
            connections.incrementAndGet();
            new Thread(() -> serveOnceThenDrop(s)).start();
          } catch (IOException e) {
            return;
          }
        }
      });
      acceptor.start();
      ResolvedTarget t = HttpEngineTest.POLICY.check(Target.parse("http://127.0.0.1:" + ss.getLocalPort()));
      HttpSession s = engine.openSession(RequestBudget.unlimited(), false);
      assertThat(s.send(HttpRequest.get(t, "/a")).join().bodyText()).isEqualTo("ok");
      assertThat(s.send(HttpRequest.get(t, "/b")).join().bodyText()).isEqualTo("ok");
      assertThat(connections).hasValue(2);
      assertThat(s.budget().snapshot().requestsSent()).isEqualTo(3);
      assertThat(HttpEngineTest.failureKind(s.send(HttpRequest.builder(t).withMethod("POST").withPath("/c")
          .withBody("x".getBytes()).build()))).isEqualTo(HttpFailure.Kind.CONNECTION_CLOSED);
    }
  }

  private static void serveOnceThenDrop(Socket s) {
    try (s) {
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = s.getOutputStream();
      readRequest(in);
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      readRequest(in);
    } catch (IOException e) {
      // the client went away; nothing to do
    }
  }

  private static void readRequest(BufferedReader in) throws IOException {
    int length = 0;
    String line;
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    for (int i = 0; i < length; i++) {
      in.read();
    }
  }
}
