package dev.analyzer.http.target;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * A target the {@link TargetPolicy} allowed, with the addresses its host resolved to at the check.
 * Connections go to {@link #address()} (never to a fresh resolution of the name) and send the
 * target's {@code Host} header. Only {@link TargetPolicy} creates one. Immutable.
 */
public final class ResolvedTarget {

  private final Target target;
  private final List<InetAddress> addresses;

  ResolvedTarget(Target target, List<InetAddress> addresses) {
    this.target = Objects.requireNonNull(target, "target");
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("a resolved target needs at least one address");
    }
    this.addresses = List.copyOf(addresses);
  }

  /** The URL target. */
  public Target target() {
    return target;
  }

  /** Every address the host resolved to at the check, all allowed. */
  public List<InetAddress> addresses() {
    return addresses;
  }

  /** The pinned socket address connections use: the first resolved address and the target's port. */
  public InetSocketAddress address() {
    return new InetSocketAddress(addresses.get(0), target.port());
  }

  /** True when every pinned address is loopback. */
  public boolean loopback() {
    return addresses.stream().allMatch(InetAddress::isLoopbackAddress);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResolvedTarget && ((ResolvedTarget) o).target.equals(target)
        && ((ResolvedTarget) o).addresses.equals(addresses);
  }

  @Override
  public int hashCode() {
    return target.hashCode() * 31 + addresses.hashCode();
  }

  @Override
  public String toString() {
    return target + " -> " + addresses.get(0).getHostAddress();
  }
}
