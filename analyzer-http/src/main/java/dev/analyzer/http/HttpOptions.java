package dev.analyzer.http;

import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import dev.analyzer.http.target.AllowList;

/**
 * The settings of analyzer-http (name, default, bound, meaning), declared once; the README's table
 * must match {@link #TABLE}. Immutable and thread-safe.
 */
public final class HttpOptions {

  /** Which non-loopback targets analyses may reach. */
  public static final Option<AllowList> ALLOWED_TARGETS = Option.custom(AllowList.VARIABLE, AllowList.none(),
      "none (loopback only)", "comma list of host names, IPs and CIDRs (IPv4, IPv6)",
      "targets whose host is listed, or all of whose addresses are listed or in a listed block, are allowed "
          + "besides loopback (127.0.0.0/8, ::1)", (r, n) -> AllowList.parse(r.raw(n)), v -> v != null);

  /** Every option of analyzer-http, in README order. */
  public static final OptionTable TABLE = OptionTable.of("HTTP targets", ALLOWED_TARGETS);

  private HttpOptions() {
  }
}
