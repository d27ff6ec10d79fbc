package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ResultStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service refuses a handshake whose {@code Origin} is foreign (403, issue 12 point 5). Netty's
 * client, left to its default, sends its target as Origin ({@code http://<host>:<port>}), which a
 * service accepts only for an IP literal or {@code localhost}; reached by any other name it was
 * refused. The client sends no Origin, so analyses and pings work whatever name the URL uses.
 */
class HostNameHandshakeTest {

  @TempDir
  Path root;

  @Test
  void aServiceReachedByTheMachinesHostNameAcceptsTheClient() throws Exception {
    String name = InetAddress.getLocalHost().getHostName();
    assumeTrue(resolvesToLoopbackOnly(name) && !name.equalsIgnoreCase("localhost"),
        "the host name " + name + " must resolve to loopback only (the service binds 127.0.0.1)");
    analyzesAndPings(name);
  }

  @Test
  void aServiceReachedAsLocalhostAcceptsTheClient() throws Exception {
    analyzesAndPings("localhost");
  }

  private void analyzesAndPings(String host) throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(4, 5, Duration.ofSeconds(60), 3),
            "ws://" + host + ":" + svc.server().port()).build()) {
      Message reply = client.submit(Services.request("quick"), null).result().get(10, TimeUnit.SECONDS);

      assertThat(ClientFailure.of(reply)).as("reply %s", reply).isEmpty();
      assertThat(reply).isInstanceOf(AnalysisResult.class);
      assertThat(((AnalysisResult) reply).status()).isEqualTo(ResultStatus.SUCCESS);
      Message pong = client.ping(AnalysisKind.STATIC, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
      assertThat(ClientFailure.of(pong)).as("pong %s", pong).isEmpty();
      assertThat(svc.service().analyses.get()).isEqualTo(1);
    }
  }

  private static boolean resolvesToLoopbackOnly(String name) {
    try {
      InetAddress[] all = InetAddress.getAllByName(name);
      return all.length > 0 && Arrays.stream(all).allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
