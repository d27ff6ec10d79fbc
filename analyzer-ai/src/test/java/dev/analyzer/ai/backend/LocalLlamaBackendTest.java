package dev.analyzer.ai.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.review.VerdictSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-process engine on the tiny random-weight GGUF (test resources): it loads, its output under
 * the schema's grammar is JSON that follows the schema, and the deadline and cancellation stop a
 * generation. Its text is gibberish; nothing here asserts review quality.
 */
class LocalLlamaBackendTest {

  static LocalLlamaBackend backend;

  /** A clock that moves one second each time it is read, so deadlines pass without waiting. */
  static final class TickingClock extends Clock {
    private final AtomicInteger reads = new AtomicInteger();
    private final Instant start = Instant.parse("2026-12-02T04:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return start.plusSeconds(reads.getAndIncrement());
    }
  }

  @BeforeAll
  static void load() throws Exception {
    backend = new LocalLlamaBackend(Fixtures.resource("models/llama-2-tiny-random.gguf"), 2, 1024, Clock.systemUTC());
    backend.load();
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  static ChatRequest request(int maxTokens) {
    return ChatRequest.of("You audit code.", "Requirement: list todos. Code: @app.route('/api/todos')",
        VerdictSchema.NAME, VerdictSchema.schema(), maxTokens);
  }

  @Test
  void grammarFromTheSchemaGivesJsonThatFollowsIt() throws Exception {
    ChatAnswer a = backend.complete(request(1500), new ChatBackend.CallLimits(Instant.MAX, () -> false, r -> { }));

    JsonNode n = new ObjectMapper().readTree(a.content());
    assertThat(n.isObject()).isTrue();
    assertThat(List.of("met", "partial", "not_found")).contains(n.get("verdict").asText());
    assertThat(List.of("HIGH", "MEDIUM", "LOW")).contains(n.get("confidence").asText());
    assertThat(n.get("explanation").isTextual()).isTrue();
    assertThat(n.get("evidence").isArray()).isTrue();
    assertThat(a.completionTokens()).isPositive();
    assertThat(a.promptTokens()).isPositive();
    assertThat(backend.method()).isEqualTo("local-llm");
  }

  @Test
  void theDeadlineStopsAGeneration() throws Exception {
    LocalLlamaBackend ticking = new LocalLlamaBackend(Fixtures.resource("models/llama-2-tiny-random.gguf"), 2, 1024,
        new TickingClock());
    try {
      Instant deadline = Instant.parse("2026-12-02T04:00:00Z").plus(Duration.ofSeconds(3));
      assertThatThrownBy(() -> ticking.complete(request(400), new ChatBackend.CallLimits(deadline, () -> false,
          r -> { }))).isInstanceOfSatisfying(BackendException.class,
              e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.TIMEOUT));
    } finally {
      ticking.close();
    }
  }

  @Test
  void cancellationStopsAGenerationAndTheEngineStaysUsable() throws Exception {
    AtomicInteger checks = new AtomicInteger();

    assertThatThrownBy(() -> backend.complete(request(400), new ChatBackend.CallLimits(Instant.MAX,
        () -> checks.incrementAndGet() > 3, r -> { }))).isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.CANCELLED));

    ChatAnswer next = backend.complete(request(200), new ChatBackend.CallLimits(Instant.MAX, () -> false, r -> { }));
    assertThat(next.content()).startsWith("{");
  }
}
