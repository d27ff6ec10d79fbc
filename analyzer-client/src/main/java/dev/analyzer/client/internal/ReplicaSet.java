package dev.analyzer.client.internal;

import dev.analyzer.client.ClientSettings;
import dev.analyzer.client.breaker.ReplicaBreaker;
import dev.analyzer.client.replica.Replica;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.settings.ConnectionSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Builds each service's replicas from the settings: one {@link Replica} (and breaker) per URL. Stateless. */
public final class ReplicaSet {

  private ReplicaSet() {}

  /**
   * Each service's replicas, in the order configured; a URL named by several services is one
   * replica with one breaker, timed by {@code ticker}.
   */
  public static Map<AnalysisKind, List<Replica>> byKind(ClientSettings settings, LongSupplier ticker) {
    ConnectionSettings c = settings.connection();
    Map<AnalysisKind, List<Replica>> r = new EnumMap<>(AnalysisKind.class);
    Map<URI, Replica> byUrl = new LinkedHashMap<>();
    for (AnalysisKind k : AnalysisKind.values()) {
      List<Replica> list = new ArrayList<>();
      for (URI u : settings.replicas().get(k)) {
        list.add(byUrl.computeIfAbsent(u, x -> new Replica(x, new ReplicaBreaker(x.toString(), c.circuitThreshold(),
            c.circuitTimeout(), c.circuitHalfOpenCalls(), ticker))));
      }
      r.put(k, List.copyOf(list));
    }
    return Map.copyOf(r);
  }
}
