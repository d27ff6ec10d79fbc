package dev.analyzer.client.internal;

import dev.analyzer.client.replica.Endpoint;
import dev.analyzer.client.replica.HostResolver;
import dev.analyzer.client.replica.Replica;
import dev.analyzer.client.replica.ReplicaChanges;
import dev.analyzer.core.protocol.AnalysisKind;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each service's replicas, kept in step with DNS. A replica URL whose host name has several
 * addresses (a Kubernetes headless Service: one per ready pod) stands for one replica per address;
 * {@link #refresh()} resolves the names again, adds a replica for each new address and drains the
 * ones whose address is gone (no new work; what they hold runs to its end; their idle pooled
 * connections are closed). A drained replica is forgotten once it holds nothing; an address that
 * comes back gets its replica (and breaker) back.
 *
 * <ul>
 *   <li>Literal IPs are never resolved; a name that has one address stays one replica connected to
 *       by name, as before, until a refresh finds several.</li>
 *   <li>Only addresses of the first address's family count (IPv4 first, by the JDK's default), so a
 *       dual-stack name counts each pod once.</li>
 *   <li>A name that fails to resolve keeps its last known set; the failure is logged once, and so is
 *       the recovery.</li>
 *   <li>A URL named by several services is one replica (one breaker) per endpoint, as before.</li>
 * </ul>
 *
 * <p>Thread-safe: {@link #refresh()} is serialised; {@link #active} is a lock-free read of an
 * immutable snapshot.
 */
public final class ReplicaDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaDirectory.class);

  private final Map<AnalysisKind, List<URI>> configured;
  private final HostResolver resolver;
  private final Function<Endpoint, Replica> newReplica;
  private final Consumer<Replica> onDrained;
  /** Guarded by this: every replica not yet forgotten, active or draining. */
  private final Map<Endpoint, Replica> known = new LinkedHashMap<>();
  /** Guarded by this: names seen with several addresses, whose replicas stay bound to addresses. */
  private final Set<String> expanded = new HashSet<>();
  private final Map<String, List<InetAddress>> lastKnown = new HashMap<>();
  private final Set<String> failing = new HashSet<>();
  private volatile Map<AnalysisKind, List<Replica>> active;

  /**
   * Resolves every name once and builds the first set.
   *
   * @param newReplica makes the replica (and breaker) of a new endpoint
   * @param onDrained called once when a replica starts draining (closes its idle connections)
   */
  public ReplicaDirectory(Map<AnalysisKind, List<URI>> configured, HostResolver resolver,
      Function<Endpoint, Replica> newReplica, Consumer<Replica> onDrained) {
    this.configured = Map.copyOf(configured);
    this.resolver = resolver;
    this.newReplica = newReplica;
    this.onDrained = onDrained;
    refresh();
  }

  /** The replicas of {@code kind} that take new work, in the configured order. */
  public List<Replica> active(AnalysisKind kind) {
    return active.get(kind);
  }

  /** The draining replicas of {@code kind} that still hold work (until the next refresh forgets them). */
  public synchronized List<Replica> draining(AnalysisKind kind) {
    List<URI> urls = configured.getOrDefault(kind, List.of());
    return known.values().stream().filter(r -> r.draining() && urls.contains(r.uri())).toList();
  }

  /** True when some replica URL names a host (not a literal IP), so refreshing can change the set. */
  public boolean hasNames() {
    return configured.values().stream().flatMap(List::stream).anyMatch(u -> !isLiteral(u.getHost()));
  }

  /** Resolves every name again and applies the differences; never throws for a name that fails. */
  public synchronized ReplicaChanges refresh() {
    List<String> unresolved = new ArrayList<>();
    for (String host : names()) {
      resolve(host, unresolved);
    }
    Set<Endpoint> before = new LinkedHashSet<>();
    known.forEach((e, r) -> {
      if (!r.draining()) {
        before.add(e);
      }
    });
    Map<AnalysisKind, List<Replica>> next = new EnumMap<>(AnalysisKind.class);
    Set<Endpoint> wanted = new LinkedHashSet<>();
    for (AnalysisKind k : AnalysisKind.values()) {
      List<Replica> list = new ArrayList<>();
      for (URI u : configured.getOrDefault(k, List.of())) {
        for (Endpoint e : endpoints(u)) {
          Replica r = known.computeIfAbsent(e, newReplica);
          r.draining(false);
          wanted.add(e);
          if (!list.contains(r)) {
            list.add(r);
          }
        }
      }
      next.put(k, List.copyOf(list));
    }
    active = Map.copyOf(next);
    List<Endpoint> added = wanted.stream().filter(e -> !before.contains(e)).toList();
    List<Endpoint> drained = new ArrayList<>();
    known.values().removeIf(r -> {
      if (wanted.contains(r.endpoint())) {
        return false;
      }
      if (!r.draining()) {
        r.draining(true);
        drained.add(r.endpoint());
        onDrained.accept(r);
      }
      return r.inFlight() == 0;
    });
    if (!before.isEmpty() && (!added.isEmpty() || !drained.isEmpty())) {
      LOG.info("replicas changed: added {}, draining {}", added, drained);
    }
    return new ReplicaChanges(added, drained, unresolved);
  }

  private Set<String> names() {
    Set<String> hosts = new LinkedHashSet<>();
    for (List<URI> urls : configured.values()) {
      for (URI u : urls) {
        if (!isLiteral(u.getHost())) {
          hosts.add(u.getHost());
        }
      }
    }
    return hosts;
  }

  private void resolve(String host, List<String> unresolved) {
    List<InetAddress> found;
    try {
      found = oneFamily(resolver.resolve(host));
    } catch (UnknownHostException | RuntimeException e) {
      unresolved.add(host);
      if (failing.add(host)) {
        LOG.warn("replica host {} does not resolve ({}): keeping its last known {} address(es)", host,
            e.getMessage(), lastKnown.getOrDefault(host, List.of()).size());
      }
      return;
    }
    if (failing.remove(host)) {
      LOG.info("replica host {} resolves again: {} address(es)", host, found.size());
    }
    if (found.size() > 1) {
      expanded.add(host);
    }
    lastKnown.put(host, found);
  }

  /** The endpoints {@code u} stands for now: one per address of an expanded name, else itself. */
  private List<Endpoint> endpoints(URI u) {
    List<InetAddress> addresses = lastKnown.get(u.getHost());
    if (!expanded.contains(u.getHost()) || addresses == null || addresses.isEmpty()) {
      return List.of(Endpoint.of(u));
    }
    return addresses.stream().map(a -> new Endpoint(u, a)).toList();
  }

  /** The distinct addresses of the first one's family, in order; an empty answer counts as a failure. */
  private static List<InetAddress> oneFamily(List<InetAddress> all) throws UnknownHostException {
    if (all == null || all.isEmpty()) {
      throw new UnknownHostException("no addresses");
    }
    boolean v4 = all.get(0) instanceof Inet4Address;
    return all.stream().filter(a -> (a instanceof Inet4Address) == v4).distinct().toList();
  }

  /** An IPv4 literal, or an IPv6 one ({@link URI#getHost()} keeps its brackets). */
  static boolean isLiteral(String host) {
    return host.startsWith("[") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
