package dev.analyzer.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.queue.QueueAuth;
import dev.analyzer.queue.QueueSettings;
import io.nats.client.Options;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsOptionsFactoryTest {

  @Test
  void serversNameAndTimeoutComeFromTheSettings() {
    QueueSettings s = QueueSettings.builder("nats://a:4222,nats://b:4223").withTimeout(Duration.ofSeconds(3)).build();

    Options o = NatsOptionsFactory.options(s, "static worker");

    assertThat(o.getServers()).containsExactly(URI.create("nats://a:4222"), URI.create("nats://b:4223"));
    assertThat(o.getConnectionName()).isEqualTo("static worker");
    assertThat(o.getConnectionTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.getMaxReconnect()).isEqualTo(-1);
  }

  @Test
  void theTokenIsPassedThrough() {
    QueueSettings s = QueueSettings.builder("nats://a:4222")
        .withAuth(new QueueAuth(null, "tok-123", null, null, null, null)).build();

    assertThat(NatsOptionsFactory.options(s, "n").getTokenChars()).containsExactly("tok-123".toCharArray());
  }

  @Test
  void theCredentialsFileBecomesTheAuthHandler(@TempDir Path dir) throws Exception {
    Path creds = Files.writeString(dir.resolve("u.creds"), "-----BEGIN NATS USER JWT-----\nx\n------END NATS USER JWT------\n");
    QueueSettings s = QueueSettings.builder("nats://a:4222")
        .withAuth(new QueueAuth(creds, null, null, null, null, null)).build();

    assertThat(NatsOptionsFactory.options(s, "n").getAuthHandler()).isNotNull();
  }

  @Test
  void theCustomizerRunsLastAndWins() {
    QueueSettings s = QueueSettings.builder("nats://a:4222").withOptions(b -> b.connectionName("override")
        .maxReconnects(3)).build();

    Options o = NatsOptionsFactory.options(s, "n");

    assertThat(o.getConnectionName()).isEqualTo("override");
    assertThat(o.getMaxReconnect()).isEqualTo(3);
  }
}
