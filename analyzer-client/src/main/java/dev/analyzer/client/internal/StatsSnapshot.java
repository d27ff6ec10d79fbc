package dev.analyzer.client.internal;

import dev.analyzer.client.ClientStats;
import dev.analyzer.client.breaker.ReplicaBreaker;
import dev.analyzer.client.replica.Replica;
import dev.analyzer.core.protocol.AnalysisKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds a {@link ClientStats} from the client's parts. Stateless. */
public final class StatsSnapshot {

  private StatsSnapshot() {}

  /**
   * A snapshot: pool figures from {@code ctx}'s pool, breakers once per replica, replicas per
   * service (those taking work, then draining ones that still hold some), then {@code queues} (the
   * queue transport's entries, empty unless in queue mode).
   */
  public static ClientStats of(ClientContext ctx, ReplicaDirectory replicas, int activeTasks,
      int pendingFollowers, int armedTimers, List<ClientStats.ReplicaStats> queues) {
    List<ClientStats.BreakerState> states = new ArrayList<>();
    List<ClientStats.ReplicaStats> reps = new ArrayList<>();
    int open = 0;
    int halfOpen = 0;
    List<Replica> seen = new ArrayList<>();
    for (AnalysisKind k : AnalysisKind.values()) {
      List<Replica> all = new ArrayList<>(replicas.active(k));
      all.addAll(replicas.draining(k));
      for (Replica r : all) {
        ReplicaBreaker.State breaker = r.breaker().state();
        String state = breaker.name().toLowerCase(Locale.ROOT);
        reps.add(new ClientStats.ReplicaStats(k.wire(), r.endpoint().url().toString(), r.inFlight(), r.requests(),
            r.failures(), r.latencyMillis(), state, r.draining()));
        if (seen.contains(r)) {
          continue;
        }
        seen.add(r);
        states.add(new ClientStats.BreakerState(r.endpoint().url().toString(), state, r.breaker().probesAdmitted(),
            r.breaker().staleOutcomes()));
        if (breaker == ReplicaBreaker.State.OPEN) {
          open++;
        } else if (breaker == ReplicaBreaker.State.HALF_OPEN) {
          halfOpen++;
        }
      }
    }
    reps.addAll(queues);
    var pool = ctx.pool();
    return new ClientStats(pool.maxConnections(), pool.activeConnections(), pool.pooledConnections(), pool.waiting(),
        activeTasks, pendingFollowers, new ClientStats.Breakers(states.size(), open, halfOpen, List.copyOf(states)),
        List.copyOf(reps), armedTimers);
  }
}
