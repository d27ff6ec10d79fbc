package dev.analyzer.client.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ResultStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Singleflight semantics with a controllable shared call. */
class RequestDeduplicatorTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private final RequestDeduplicator dedup = new RequestDeduplicator();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger cancelled = new AtomicInteger();
  private final List<CompletableFuture<Message>> calls = new ArrayList<>();
  private final List<Consumer<ProgressUpdate>> fanouts = new ArrayList<>();
  private final DedupKey key = new DedupKey("k");

  private RequestDeduplicator.Caller join(String id, List<ProgressUpdate> progress) {
    return join(id, progress, RequestDeduplicator.NO_DEADLINE);
  }

  private RequestDeduplicator.Caller join(String id, List<ProgressUpdate> progress, long deadlineNanos) {
    return dedup.join(key, id, progress == null ? null : progress::add, deadlineNanos, fanout -> {
      started.incrementAndGet();
      fanouts.add(fanout);
      CompletableFuture<Message> f = new CompletableFuture<>();
      calls.add(f);
      return new RequestDeduplicator.SharedCall() {
        @Override
        public CompletableFuture<Message> result() {
          return f;
        }

        @Override
        public void cancel() {
          cancelled.incrementAndGet();
          f.complete(ErrorMessage.of(ErrorCode.CANCELLED, "cancelled", "leader", "s", T));
        }
      };
    }, cid -> ErrorMessage.of(ErrorCode.CANCELLED, "caller cancelled", cid, "s", T));
  }

  private static AnalysisResult result(String id) {
    return AnalysisResult.of(AnalysisRequest.builder(AnalysisKind.STATIC).withId(id).build(), "s", T,
        ResultStatus.SUCCESS, null, null);
  }

  @Test
  void concurrentCallersShareOneCallAndGetRepliesAddressedToThem() throws Exception {
    RequestDeduplicator.Caller a = join("a", null);
    RequestDeduplicator.Caller b = join("b", null);

    calls.get(0).complete(result("a"));

    assertThat(started.get()).isEqualTo(1);
    assertThat(a.isLeader()).isTrue();
    assertThat(b.isLeader()).isFalse();
    assertThat(((AnalysisResult) a.future().get()).correlationId()).isEqualTo("a");
    assertThat(((AnalysisResult) b.future().get()).correlationId()).isEqualTo("b");
  }

  @Test
  void aCallerJoinsOnlyAFlightWhoseDeadlineIsNoEarlierThanItsOwn() throws Exception {
    long tol = RequestDeduplicator.JOIN_TOLERANCE_NANOS;
    long t = 1_000_000_000_000L;
    // Given a flight ending at t
    RequestDeduplicator.Caller first = join("first", null, t);
    // When callers with earlier, equal, slightly later (within the tolerance) and later deadlines come
    RequestDeduplicator.Caller earlier = join("earlier", null, t - 5 * tol);
    RequestDeduplicator.Caller same = join("same", null, t + tol);
    RequestDeduplicator.Caller later = join("later", null, t + tol + 1);
    // and one that fits only the later flight
    RequestDeduplicator.Caller fitsLater = join("fits-later", null, t + 2 * tol);

    // Then the first three share the first flight; the later one starts a second, joined by the last
    assertThat(List.of(first.isLeader(), earlier.isLeader(), same.isLeader(), later.isLeader(),
        fitsLater.isLeader())).containsExactly(true, false, false, true, false);
    assertThat(started.get()).isEqualTo(2);
    assertThat(dedup.inFlight()).isEqualTo(2);
    assertThat(dedup.pendingFollowers()).isEqualTo(3);
    // and each flight's result reaches its own callers only
    calls.get(1).complete(result("later"));
    assertThat(((AnalysisResult) fitsLater.future().get()).correlationId()).isEqualTo("fits-later");
    assertThat(first.future()).isNotDone();
    calls.get(0).complete(result("first"));
    assertThat(((AnalysisResult) same.future().get()).correlationId()).isEqualTo("same");
    assertThat(dedup.inFlight()).isZero();
    // and a caller without a deadline joins only a flight without one
    RequestDeduplicator.Caller bounded = join("bounded", null, t);
    RequestDeduplicator.Caller unbounded = join("unbounded", null);
    RequestDeduplicator.Caller bounded2 = join("bounded-2", null, t + 10 * tol);
    assertThat(List.of(bounded.isLeader(), unbounded.isLeader(), bounded2.isLeader()))
        .containsExactly(true, true, false);
  }

  @Test
  void oneCallersCancelLeavesTheOthersAndTheCall() throws Exception {
    RequestDeduplicator.Caller a = join("a", null);
    RequestDeduplicator.Caller b = join("b", null);

    a.cancel();

    assertThat(((ErrorMessage) a.future().get()).correlationId()).isEqualTo("a");
    assertThat(cancelled.get()).isZero();
    assertThat(b.future()).isNotDone();
    calls.get(0).complete(result("x"));
    assertThat(b.future().get()).isInstanceOf(AnalysisResult.class);
  }

  @Test
  void theCallIsCancelledWhenTheLastCallerLeaves() {
    RequestDeduplicator.Caller a = join("a", null);
    RequestDeduplicator.Caller b = join("b", null);

    a.cancel();
    b.cancel();

    assertThat(cancelled.get()).isEqualTo(1);
    assertThat(dedup.inFlight()).isZero();
  }

  @Test
  void theEntryLeavesBeforeFuturesCompleteSoFailuresAreNotCached() {
    RequestDeduplicator.Caller a = join("a", null);
    a.future().thenRun(() -> assertThat(dedup.inFlight()).isZero());

    calls.get(0).complete(ErrorMessage.of(ErrorCode.INTERNAL, "boom", "a", "s", T));
    join("c", null);

    assertThat(started.get()).isEqualTo(2);
  }

  @Test
  void progressReachesEveryCallerAddressedToIt() {
    List<ProgressUpdate> pa = new ArrayList<>();
    List<ProgressUpdate> pb = new ArrayList<>();
    join("a", pa);
    join("b", pb);

    fanouts.get(0).accept(new ProgressUpdate("a", "s", "st", "m", 50.0, null, null, T, Map.of()));

    assertThat(pa).extracting(ProgressUpdate::correlationId).containsExactly("a");
    assertThat(pb).extracting(ProgressUpdate::correlationId).containsExactly("b");
  }

  @Test
  void anExpiredCallerGetsItsOwnReplyAndTheSharedCallEndsOnlyWithTheLastCaller() {
    RequestDeduplicator.Caller leader = join("leader", null);
    RequestDeduplicator.Caller follower = join("follower", null);
    Message timeout = ErrorMessage.of(ErrorCode.TIMEOUT, "follower's deadline", "follower", "s", T);

    follower.expire(timeout);

    assertThat(follower.future()).isCompletedWithValue(timeout);
    assertThat(leader.future()).isNotDone();
    assertThat(cancelled.get()).isZero();
    leader.expire(ErrorMessage.of(ErrorCode.TIMEOUT, "leader's deadline", "leader", "s", T));
    assertThat(cancelled.get()).isEqualTo(1);
    assertThat(dedup.inFlight()).isZero();
  }
}
