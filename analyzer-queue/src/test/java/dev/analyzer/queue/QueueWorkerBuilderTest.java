package dev.analyzer.queue;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.AnalysisKind;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import dev.analyzer.queue.testing.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueueWorkerBuilderTest {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();
  private static QueueConnection connection;

  private final QueueHandler handler = (r, p, c) -> new CompletableFuture<>();

  @BeforeAll
  static void connect() {
    connection = QueueConnection.open(QueueSettings.builder(NATS.url()).build(), "builder-test");
  }

  @AfterAll
  static void disconnect() {
    connection.close();
  }

  @Test
  void aHandlerAndAKindAreRequired() {
    QueueConnection c = connection;

    assertThatThrownBy(() -> QueueWorker.builder(c).withKind(AnalysisKind.STATIC).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a handler");
    assertThatThrownBy(() -> QueueWorker.builder(c).withHandler(handler).withKinds(Set.of()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one kind");
  }

  @Test
  void boundsAreNamedWithTheValueSeen() {
    QueueConnection c = connection;

    assertThatThrownBy(() -> QueueWorker.builder(c).withHandler(handler).withKind(AnalysisKind.AI).withMaxConcurrent(0)
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessage("maxConcurrent must be 1..10000, got 0");
    assertThatThrownBy(() -> QueueWorker.builder(c).withHandler(handler).withKind(AnalysisKind.AI)
        .withFetchWait(Duration.ofMinutes(5)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("fetchWait must be 10 ms..60 s, got PT5M");
  }
}
