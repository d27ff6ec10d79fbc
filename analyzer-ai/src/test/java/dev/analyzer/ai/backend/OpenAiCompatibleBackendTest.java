package dev.analyzer.ai.backend;

import static dev.analyzer.ai.testing.FakeModelServer.answer;
import static dev.analyzer.ai.testing.FakeModelServer.chunk;
import static dev.analyzer.ai.testing.FakeModelServer.sse;
import static dev.analyzer.ai.testing.FakeModelServer.ssePieces;
import static dev.analyzer.ai.testing.FakeModelServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.analyzer.ai.review.VerdictSchema;
import dev.analyzer.ai.testing.FakeModelServer;
import dev.analyzer.service.secrets.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP backend against a loopback OpenAI-compatible server: every case of issue 16's list. */
class OpenAiCompatibleBackendTest {

  static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String KEY = "sk-or-test-0123456789";

  final FakeModelServer server;
  final List<Duration> slept = new CopyOnWriteArrayList<>();
  final Sleeper sleeper = slept::add;

  OpenAiCompatibleBackendTest() throws IOException {
    server = new FakeModelServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  OpenAiCompatibleBackend backend(Preset preset, int retries) {
    return new OpenAiCompatibleBackend(HttpBackendConfig.of(preset, preset.nativeOllama() ? server.root() : server.v1(),
        "test/model").withKey(Secret.of("OPENROUTER_API_KEY", KEY)).withClock(CLOCK)
        .withRetries(retries, new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), () -> 0.5), sleeper));
  }

  static ChatRequest request() {
    return ChatRequest.of("system text", "user text", VerdictSchema.NAME, VerdictSchema.schema(), 300);
  }

  static ChatBackend.CallLimits limits() {
    return new ChatBackend.CallLimits(Instant.MAX, () -> false, r -> { });
  }

  @Test
  void successSendsModelSchemaKeyAndOpenRouterHeaders() throws Exception {
    server.then(answer("{\"verdict\":\"met\"}"));

    ChatAnswer a = backend(Preset.OPENROUTER, 0).complete(request(), limits());

    assertThat(a.content()).isEqualTo("{\"verdict\":\"met\"}");
    FakeModelServer.Recorded r = server.requests().get(0);
    assertThat(r.path()).isEqualTo("/v1/chat/completions");
    assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(r.headers().getFirst("HTTP-Referer")).isNotBlank();
    assertThat(r.headers().getFirst("X-Title")).isEqualTo("analyzer-ai");
    assertThat(r.body().get("model").asText()).isEqualTo("test/model");
    assertThat(r.body().get("stream").asBoolean()).isTrue();
    assertThat(r.body().get("max_tokens").asInt()).isEqualTo(300);
    assertThat(r.body().at("/response_format/type").asText()).isEqualTo("json_schema");
    assertThat(r.body().at("/response_format/json_schema/schema/properties/verdict/enum").toString())
        .contains("met", "partial", "not_found");
    assertThat(r.body().at("/messages/0/role").asText()).isEqualTo("system");
  }

  @Test
  void streamedDeltasAreJoinedWithUsageCostAndDone() throws Exception {
    server.then(answer("{\"verdict\":\"partial\",\"x\":1}"));

    ChatAnswer a = backend(Preset.OPENROUTER, 0).complete(request(), limits());

    assertThat(a.content()).isEqualTo("{\"verdict\":\"partial\",\"x\":1}");
    assertThat(a.promptTokens()).isEqualTo(120);
    assertThat(a.completionTokens()).isEqualTo(30);
    assertThat(a.costUsd()).isEqualTo(0.00042);
    assertThat(a.finishReason()).isEqualTo("stop");
    assertThat(a.model()).isEqualTo("test/model");
  }

  @Test
  void commentLinesCrlfAndEventsSplitAcrossWritesAreParsed() throws Exception {
    String c1 = chunk("{\"a\":", null).replace("\n", "\r\n");
    String c2 = chunk("1}", "stop");
    server.then(ssePieces(": OPENROUTER PROCESSING\r\n\r\n", c1.substring(0, 9), c1.substring(9),
        ": OPENROUTER PROCESSING\n\n", c2.substring(0, c2.length() - 3), c2.substring(c2.length() - 3),
        "data: [DO", "NE]\r\n\r\n"));

    ChatAnswer a = backend(Preset.OPENROUTER, 0).complete(request(), limits());

    assertThat(a.content()).isEqualTo("{\"a\":1}");
  }

  @Test
  void dataSplitOverSeveralLinesIsOneEvent() throws Exception {
    server.then(sse("data: {\"choices\":[{\"delta\":\ndata: {\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"));

    assertThat(backend(Preset.OPENAI, 0).complete(request(), limits()).content()).isEqualTo("ok");
  }

  @Test
  void tooManyRequestsWithRetryAfterSecondsIsRetriedAfterThatWait() throws Exception {
    server.then(status(429, "{\"error\":{\"message\":\"rate limited\"}}", Map.of("Retry-After", "7")), answer("{}"));

    ChatAnswer a = backend(Preset.OPENROUTER, 3).complete(request(), limits());

    assertThat(a.content()).isEqualTo("{}");
    assertThat(a.attempts()).isEqualTo(2);
    assertThat(slept).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsHttpDateIsHonouredAndCapped() throws Exception {
    String in5 = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(5).atZone(ZoneOffset.UTC));
    String in90 = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atZone(ZoneOffset.UTC));
    server.then(status(429, "{}", Map.of("Retry-After", in5)), status(429, "{}", Map.of("Retry-After", in90)),
        answer("{}"));

    backend(Preset.OPENAI, 3).complete(request(), limits());

    assertThat(slept).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  @Test
  void serverErrorsAreRetriedWithJitteredExponentialBackoff() throws Exception {
    server.then(status(503, "{}", Map.of()), status(502, "{}", Map.of()), answer("{}"));

    ChatAnswer a = backend(Preset.OPENAI, 3).complete(request(), limits());

    assertThat(a.attempts()).isEqualTo(3);
    assertThat(server.requests()).hasSize(3);
    // base 2 s, factor 2, jitter 0.75 of the exponential value with random 0.5
    assertThat(slept).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(3000));
  }

  @Test
  void retriesStopAtTheLimitAndSayHowManyAttempts() {
    server.then(status(500, "{\"error\":{\"message\":\"boom\"}}", Map.of()));

    assertThatThrownBy(() -> backend(Preset.OPENAI, 2).complete(request(), limits()))
        .isInstanceOf(BackendException.class).hasMessageContaining("HTTP 500").hasMessageContaining("boom")
        .hasMessageContaining("after 3 attempts");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void clientErrorsAreNotRetried() {
    for (int code : new int[] {400, 401, 402, 403}) {
      FakeModelServer s = server;
      int before = s.requests().size();
      s.then(status(code, "{\"error\":{\"message\":\"no " + KEY + "\"}}", Map.of()));
      assertThatThrownBy(() -> backend(Preset.OPENROUTER, 3).complete(request(), limits()))
          .isInstanceOfSatisfying(BackendException.class, e -> {
            assertThat(e.status()).isEqualTo(code);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).doesNotContain(KEY);
          });
      assertThat(s.requests()).hasSize(before + 1);
    }
    assertThat(slept).isEmpty();
  }

  @Test
  void aHugeErrorBodyIsReadOnlyInPart() {
    server.then(status(400, "x".repeat(300_000), Map.of()));

    assertThatThrownBy(() -> backend(Preset.OPENAI, 0).complete(request(), limits()))
        .isInstanceOfSatisfying(BackendException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage().length()).isLessThan(1000);
        });
  }

  @Test
  void schemaRefusedWith400FallsBackToJsonObject() throws Exception {
    server.then(status(400, "{\"error\":{\"message\":\"response_format json_schema is not supported\"}}", Map.of()),
        answer("{}"));

    backend(Preset.LLAMACPP, 0).complete(request(), limits());

    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests().get(1).body().at("/response_format/type").asText()).isEqualTo("json_object");
  }

  @Test
  void errorEventInsideA200StreamFailsTheAttemptAndIsRetried() throws Exception {
    server.then(sse(chunk("{\"ver", null) + "data: {\"error\":{\"code\":502,\"message\":\"Provider returned error\"},"
        + "\"choices\":[{\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}\n\n"), answer("{\"ok\":true}"));

    assertThat(backend(Preset.OPENROUTER, 1).complete(request(), limits()).content()).isEqualTo("{\"ok\":true}");

    server.then(sse("data: {\"error\":{\"code\":502,\"message\":\"Provider returned error\"}}\n\n"));
    assertThatThrownBy(() -> backend(Preset.OPENROUTER, 0).complete(request(), limits()))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind())
            .isEqualTo(BackendException.Kind.STREAM_ERROR)).hasMessageContaining("Provider returned error");
  }

  @Test
  void streamClosedBeforeDoneIsAnErrorNotAnAnswer() {
    server.then(sse(chunk("{\"verdict\":\"me", null)));

    assertThatThrownBy(() -> backend(Preset.OPENAI, 0).complete(request(), limits()))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind())
            .isEqualTo(BackendException.Kind.PROTOCOL)).hasMessageContaining("closed the stream");
  }

  @Test
  void noAnswerEndsAtTheCallTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.then(ex -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    OpenAiCompatibleBackend b = new OpenAiCompatibleBackend(HttpBackendConfig.of(Preset.OPENAI, server.v1(), "m")
        .withCallTimeout(Duration.ofMillis(300)).withRetries(0, new Backoff(Duration.ZERO, Duration.ZERO, () -> 0),
            sleeper));
    try {
      assertThatThrownBy(() -> b.complete(request(), limits())).isInstanceOfSatisfying(BackendException.class,
          e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.TIMEOUT));
    } finally {
      release.countDown();
    }
  }

  @Test
  void cancelClosesTheStreamAtOnce() throws Exception {
    CountDownLatch clientGone = new CountDownLatch(1);
    server.then(ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      try {
        out.write(chunk("{", null).getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (int i = 0; i < 1000; i++) {
          out.write(": OPENROUTER PROCESSING\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          Thread.sleep(20);
        }
      } catch (IOException closed) {
        clientGone.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    AtomicReference<Runnable> hook = new AtomicReference<>();
    ChatBackend.CallLimits limits = new ChatBackend.CallLimits(Instant.MAX, () -> false, hook::set);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        backend(Preset.OPENROUTER, 3).complete(request(), limits);
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    caller.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> hook.get() != null && !server.requests().isEmpty());

    hook.get().run();

    await().atMost(Duration.ofSeconds(5)).until(() -> failure.get() != null);
    assertThat(failure.get()).isInstanceOfSatisfying(BackendException.class,
        e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.CANCELLED));
    assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("server saw the stream closed").isTrue();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void ollamaNativeStreamsNdjsonWithTheSchemaAsFormat() throws Exception {
    server.then(ex -> {
      ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(("{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"verdict\\\":\"},\"done\":false}\n"
            + "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\\\"met\\\"}\"},\"done\":false}\n"
            + "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
            + "\"done_reason\":\"stop\",\"prompt_eval_count\":55,\"eval_count\":9}\n").getBytes(StandardCharsets.UTF_8));
      }
    });

    ChatAnswer a = backend(Preset.OLLAMA_NATIVE, 0).complete(request(), limits());

    assertThat(a.content()).isEqualTo("{\"verdict\":\"met\"}");
    assertThat(a.promptTokens()).isEqualTo(55);
    assertThat(a.completionTokens()).isEqualTo(9);
    FakeModelServer.Recorded r = server.requests().get(0);
    assertThat(r.path()).isEqualTo("/api/chat");
    assertThat(r.body().at("/format/properties/verdict/enum").toString()).contains("not_found");
    assertThat(r.body().at("/options/num_predict").asInt()).isEqualTo(300);
  }

  @Test
  void aServerIgnoringStreamWithOneJsonBodyIsDecoded() throws Exception {
    server.then(status(200, "{\"model\":\"m\",\"choices\":[{\"message\":{\"content\":\"{}\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}", Map.of()));

    ChatAnswer a = backend(Preset.VLLM, 0).complete(request(), limits());

    assertThat(a.content()).isEqualTo("{}");
    assertThat(a.promptTokens()).isEqualTo(3);
  }
}
