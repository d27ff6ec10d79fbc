package dev.analyzer.client.testing;

import dev.analyzer.client.replica.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link HostResolver} a test sets: each name answers the addresses last given to {@link #set},
 * or fails as an unknown host after {@link #fail}. Counts its lookups. Thread-safe.
 */
public final class FakeResolver implements HostResolver {

  private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
  private final AtomicInteger lookups = new AtomicInteger();

  /** From now on {@code host} resolves to {@code addresses} (IP literals). */
  public FakeResolver set(String host, String... addresses) {
    List<InetAddress> list = new java.util.ArrayList<>();
    for (String a : addresses) {
      list.add(literal(a));
    }
    answers.put(host, List.copyOf(list));
    return this;
  }

  /** From now on {@code host} does not resolve. */
  public FakeResolver fail(String host) {
    answers.remove(host);
    return this;
  }

  /** Lookups so far. */
  public int lookups() {
    return lookups.get();
  }

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    lookups.incrementAndGet();
    List<InetAddress> a = answers.get(host);
    if (a == null) {
      throw new UnknownHostException(host + ": Name or service not known (test resolver)");
    }
    return a;
  }

  /** An address from an IP literal (no lookup is made for a literal). */
  public static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + ip, e);
    }
  }
}
