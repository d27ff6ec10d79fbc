package dev.analyzer.http.target;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.http.HttpOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides which targets an analysis may reach. A target is allowed when its host is listed by name
 * in {@code ANALYZER_ALLOWED_TARGETS}, or when EVERY address it resolves to is loopback
 * (127.0.0.0/8, ::1) or listed (address or CIDR). The host is resolved exactly once per
 * {@link #check(Target)} and the answer is pinned in the returned {@link ResolvedTarget}: callers
 * connect to it and never resolve the name again, so a rebinding resolver cannot move a connection
 * after the check. The HTTP engine calls {@link #check(Target)} again for every redirect hop.
 *
 * <p>Immutable and thread-safe (when the resolver is).
 */
public final class TargetPolicy {

  private final AllowList allowList;
  private final HostResolver resolver;

  private TargetPolicy(AllowList allowList, HostResolver resolver) {
    this.allowList = Objects.requireNonNull(allowList, "allowList");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** Loopback only, resolved by the system resolver. */
  public static TargetPolicy loopbackOnly() {
    return new TargetPolicy(AllowList.none(), HostResolver.system());
  }

  /** Loopback plus {@code allowList}, resolved by {@code resolver}. */
  public static TargetPolicy of(AllowList allowList, HostResolver resolver) {
    return new TargetPolicy(allowList, resolver);
  }

  /**
   * The policy {@code env} sets through {@code ANALYZER_ALLOWED_TARGETS}.
   *
   * @throws dev.analyzer.core.settings.SettingsException naming the variable when its value is bad
   */
  public static TargetPolicy fromEnvironment(Environment env, HostResolver resolver) {
    return new TargetPolicy(HttpOptions.ALLOWED_TARGETS.read(env), resolver);
  }

  /** The allow-list beyond loopback. */
  public AllowList allowList() {
    return allowList;
  }

  /**
   * Resolves {@code target}'s host once (an IP literal is taken as is) and checks every address.
   *
   * @return the target pinned to the addresses checked
   * @throws TargetRefusedException naming the host, its addresses and {@code ANALYZER_ALLOWED_TARGETS}
   */
  public ResolvedTarget check(Target target) {
    String host = target.host();
    List<InetAddress> addresses;
    InetAddress literal = AllowList.literalOrNull(host);
    try {
      addresses = literal != null ? List.of(literal) : resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new TargetRefusedException(host, List.of(), "target " + target + ": host " + host
          + " does not resolve");
    }
    if (addresses == null || addresses.isEmpty()) {
      throw new TargetRefusedException(host, List.of(), "target " + target + ": host " + host
          + " resolved to no address");
    }
    if (allowList.allowsName(host)) {
      return new ResolvedTarget(target, addresses);
    }
    List<String> shown = new ArrayList<>();
    boolean allowed = true;
    for (InetAddress a : addresses) {
      shown.add(a.getHostAddress());
      allowed &= a.isLoopbackAddress() || allowList.allowsAddress(a);
    }
    if (!allowed) {
      throw new TargetRefusedException(host, shown, "target " + target + " is not allowed: host " + host
          + " resolves to " + String.join(", ", shown) + ", and only loopback addresses (127.0.0.0/8, ::1) "
          + "are allowed unless " + AllowList.VARIABLE + " lists the host, its addresses or their network");
    }
    return new ResolvedTarget(target, addresses);
  }
}
