package dev.analyzer.benchmarks.jmh;

import dev.analyzer.client.dedup.DedupKey;
import dev.analyzer.client.dedup.RequestDeduplicator;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Pong;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request deduplicator: the canonical key of a request, a leader starting and finishing a flight
 * (the path every distinct analysis takes), and followers joining a flight in progress, with two
 * threads contending on the map. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main Dedup}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DedupBenchmark {

  private static final Message REPLY = new Pong("x", "static-analyzer", Instant.EPOCH, Map.of());

  private final RequestDeduplicator dedup = new RequestDeduplicator();
  private final AtomicLong ids = new AtomicLong();
  private AnalysisRequest request;
  private DedupKey heldKey;
  private final CompletableFuture<Message> neverDone = new CompletableFuture<>();

  @Setup
  public void setUp() {
    request = AnalysisRequest.builder(AnalysisKind.STATIC).withId("a-1").withModelSlug("openai_gpt-4")
        .withAppNumber(1).withTools(List.of("bandit", "eslint", "secrets"))
        .withSourcePath("/srv/apps/openai_gpt-4/app1").withConfig(Map.of("bandit", Map.of("severity", "low")))
        .build();
    // A flight that never finishes, for followers to join.
    heldKey = DedupKey.of("static-analyzer", request);
    dedup.join(heldKey, "leader", null, progress -> new Shared(neverDone), id -> REPLY);
  }

  @Benchmark
  public DedupKey key() {
    return DedupKey.of("static-analyzer", request);
  }

  /** A distinct request: becomes leader, its call completes at once, the flight is removed. */
  @Benchmark
  @Threads(2)
  public Message leaderStartsAndFinishes() {
    String id = "r-" + ids.incrementAndGet();
    DedupKey key = new DedupKey(id);
    return dedup.join(key, id, null, progress -> new Shared(CompletableFuture.completedFuture(REPLY)), c -> REPLY)
        .future().join();
  }

  /** A duplicate: joins the held flight, then leaves it (the flight stays for the other callers). */
  @Benchmark
  @Threads(2)
  public boolean followerJoinsAndLeaves() {
    RequestDeduplicator.Caller c = dedup.join(heldKey, "f", null, progress -> new Shared(neverDone), id -> REPLY);
    c.cancel();
    return c.isLeader();
  }

  private record Shared(CompletableFuture<Message> result) implements RequestDeduplicator.SharedCall {
    @Override
    public void cancel() {
      // nothing remote to cancel in a micro-benchmark
    }
  }
}
