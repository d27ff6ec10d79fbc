package dev.analyzer.client.replica;

import java.util.List;

/**
 * What one resolution of the replica host names changed. Immutable.
 *
 * @param added endpoints that take work from now on (new addresses, or addresses back in their set)
 * @param drained endpoints whose address left their host's set: they finish their work and get no more
 * @param unresolved host names that did not resolve this time (each keeps its last known set)
 */
public record ReplicaChanges(List<Endpoint> added, List<Endpoint> drained, List<String> unresolved) {

  public ReplicaChanges {
    added = List.copyOf(added);
    drained = List.copyOf(drained);
    unresolved = List.copyOf(unresolved);
  }
}
