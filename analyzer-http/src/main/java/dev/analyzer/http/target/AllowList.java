package dev.analyzer.http.target;

import dev.analyzer.core.settings.SettingsException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parsed value of {@code ANALYZER_ALLOWED_TARGETS}: host names (matched exactly,
 * case-insensitively), IP addresses and CIDR blocks, IPv4 and IPv6. Parsing never touches DNS: an
 * entry is an IP literal only when it looks like one. Immutable and thread-safe.
 */
public final class AllowList {

  /** The variable this list is read from; named in every error. */
  public static final String VARIABLE = "ANALYZER_ALLOWED_TARGETS";

  private static final Pattern NAME = Pattern.compile(
      "(?i)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");
  private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private static final AllowList EMPTY = new AllowList(List.of(), List.of(), "");

  private final List<String> names;
  private final List<Cidr> blocks;
  private final String text;

  private AllowList(List<String> names, List<Cidr> blocks, String text) {
    this.names = List.copyOf(names);
    this.blocks = List.copyOf(blocks);
    this.text = text;
  }

  /** Nothing beyond loopback. */
  public static AllowList none() {
    return EMPTY;
  }

  /**
   * Parses a comma list such as {@code app.internal, 10.0.0.5, 192.168.0.0/16, fd00::/8}.
   *
   * @throws SettingsException naming {@value #VARIABLE} and the bad entry
   */
  public static AllowList parse(String text) {
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    List<String> names = new ArrayList<>();
    List<Cidr> blocks = new ArrayList<>();
    for (String raw : text.split(",")) {
      String e = raw.trim();
      if (e.isEmpty()) {
        continue;
      }
      int slash = e.indexOf('/');
      String addr = slash < 0 ? e : e.substring(0, slash);
      if (slash >= 0 || looksLikeIp(addr)) {
        InetAddress a = literal(addr, e);
        int max = a.getAddress().length * 8;
        int prefix = max;
        if (slash >= 0) {
          try {
            prefix = Integer.parseInt(e.substring(slash + 1));
          } catch (NumberFormatException ex) {
            prefix = -1;
          }
          if (prefix < 0 || prefix > max) {
            throw bad(e, "the prefix length must be 0.." + max);
          }
        }
        blocks.add(new Cidr(a.getAddress(), prefix));
      } else if (NAME.matcher(e).matches() && e.length() <= 253) {
        names.add(strip(e.toLowerCase(Locale.ROOT)));
      } else {
        throw bad(e, "it is neither a host name, an IP address nor a CIDR block");
      }
    }
    return new AllowList(names, blocks, text.trim());
  }

  /** True when {@code host} (as the target names it) is listed by name or IP. */
  public boolean allowsName(String host) {
    return names.contains(strip(host.toLowerCase(Locale.ROOT)));
  }

  /** True when {@code address} is listed or lies in a listed block. */
  public boolean allowsAddress(InetAddress address) {
    byte[] b = address.getAddress();
    return blocks.stream().anyMatch(c -> c.contains(b));
  }

  /** True when nothing is listed. */
  public boolean isEmpty() {
    return names.isEmpty() && blocks.isEmpty();
  }

  @Override
  public String toString() {
    return text;
  }

  /** {@code host} as an address when it is an IPv4 or IPv6 literal (no lookup), else {@code null}. */
  static InetAddress literalOrNull(String host) {
    if (!looksLikeIp(host)) {
      return null;
    }
    try {
      return literal(host, host);
    } catch (SettingsException e) {
      return null;
    }
  }

  private static boolean looksLikeIp(String s) {
    return s.indexOf(':') >= 0 || V4.matcher(s).matches();
  }

  private static InetAddress literal(String addr, String entry) {
    String a = addr.startsWith("[") && addr.endsWith("]") ? addr.substring(1, addr.length() - 1) : addr;
    if (!(a.indexOf(':') >= 0 ? a.matches("[0-9A-Fa-f:.]+") : V4.matcher(a).matches())) {
      throw bad(entry, "the address is not an IPv4 or IPv6 literal");
    }
    try {
      return InetAddress.getByName(a); // a literal: no lookup
    } catch (UnknownHostException ex) {
      throw bad(entry, "the address is not an IPv4 or IPv6 literal");
    }
  }

  private static String strip(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static SettingsException bad(String entry, String why) {
    return new SettingsException(VARIABLE, VARIABLE + " must be a comma list of host names, IP addresses "
        + "and CIDR blocks; entry \"" + entry + "\" is bad: " + why);
  }

  private static final class Cidr {
    private final byte[] net;
    private final int prefix;

    Cidr(byte[] net, int prefix) {
      this.net = net;
      this.prefix = prefix;
    }

    boolean contains(byte[] a) {
      if (a.length != net.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != net[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (net[full] & mask);
    }
  }
}
