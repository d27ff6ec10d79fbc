package dev.analyzer.client.replica;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Orders a service's replicas for one request: those not draining whose breaker may allow a request, least
 * requests in flight first, then lowest recent latency (unknown latency counts as best, so new
 * replicas get tried), ties broken at random so equal replicas share the load. Stateless.
 */
public final class ReplicaSelector {

  private ReplicaSelector() {}

  /** The candidates in the order to try, excluding {@code tried}; empty when every breaker is open. */
  public static List<Replica> order(Collection<Replica> replicas, Collection<Replica> tried) {
    List<Replica> out = new ArrayList<>();
    for (Replica r : replicas) {
      if (!tried.contains(r) && !r.draining() && r.breaker().mayAllow()) {
        out.add(r);
      }
    }
    java.util.Collections.shuffle(out, ThreadLocalRandom.current());
    out.sort(Comparator.comparingInt(Replica::inFlight)
        .thenComparingDouble(r -> Math.max(0, r.latencyMillis())));
    return out;
  }
}
