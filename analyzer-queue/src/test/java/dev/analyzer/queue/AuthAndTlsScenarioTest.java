package dev.analyzer.queue;

import static dev.analyzer.queue.QueueTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.queue.testing.NatsServerExtension;
import dev.analyzer.queue.testing.NatsServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token auth and TLS reach a real nats-server through the settings. */
class AuthAndTlsScenarioTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void needsServer() {
    assumeTrue(NatsServerProcess.findBinary().isPresent(), "nats-server is not installed: skipping");
  }

  @Test
  void aTokenInTheSettingsIsWhatTheServerChecks() {
    try (NatsServerProcess server = NatsServerProcess.start(List.of("--auth", "queue-s3cret"))) {
      QueueSettings withToken = QueueSettings.builder(server.url()).withPrefix(NatsServerExtension.uniquePrefix())
          .withAuth(new QueueAuth(null, "queue-s3cret", null, null, null, null)).build();
      try (QueueConnection c = QueueConnection.open(withToken, "test"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
        AnalysisRequest r = request(AnalysisKind.STATIC);
        assertThat(submitter.submit(r).duplicate()).isFalse();
      }

      QueueSettings without = withToken.toBuilder().withAuth(QueueAuth.none())
          .withOptions(b -> b.maxReconnects(0)).withTimeout(Duration.ofSeconds(2)).build();
      assertThatThrownBy(() -> QueueConnection.open(without, "test"))
          .isInstanceOf(QueueException.class)
          .hasMessageStartingWith("cannot connect to NATS at [" + server.url() + "]")
          .hasMessageContaining("Authorization Violation");
    }
  }

  @Test
  void aTrustStoreInTheSettingsConnectsOverTls() throws Exception {
    assumeTrue(onPath("openssl") && onPath("keytool"), "openssl or keytool missing: skipping the TLS test");
    Path key = dir.resolve("server-key.pem");
    Path cert = dir.resolve("server-cert.pem");
    Path trust = dir.resolve("trust.p12");
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString());
    run("keytool", "-importcert", "-noprompt", "-alias", "nats", "-file", cert.toString(), "-keystore", trust.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit");
    try (NatsServerProcess server = NatsServerProcess.start(List.of("--tls", "--tlscert", cert.toString(),
        "--tlskey", key.toString()))) {
      QueueSettings s = QueueSettings.builder(server.tlsUrl()).withPrefix(NatsServerExtension.uniquePrefix())
          .withAuth(new QueueAuth(null, null, trust, "changeit", null, null)).build();

      try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
        AnalysisRequest r = request(AnalysisKind.AI);
        submitter.submit(r);
        assertThat(c.nats().getServerInfo().isTLSRequired()).isTrue();
        assertThat(c.nats().getOptions().getSslContext()).isNotNull();
        assertThat(QueueInspector.of(c).status()).filteredOn(k -> k.kind() == AnalysisKind.AI)
            .singleElement().satisfies(k -> assertThat(k.pending()).isEqualTo(1));
      }

      QueueSettings untrusted = s.toBuilder().withAuth(QueueAuth.none()).withOptions(b -> b.maxReconnects(0))
          .withTimeout(Duration.ofSeconds(3)).build();
      assertThatThrownBy(() -> QueueConnection.open(untrusted, "test")).isInstanceOf(QueueException.class)
          .hasMessageStartingWith("cannot connect to NATS at [" + server.tlsUrl() + "]");
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("tool.log").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + Files.readString(dir.resolve("tool.log"))).isZero();
  }
}
