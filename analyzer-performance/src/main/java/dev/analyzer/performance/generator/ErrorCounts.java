package dev.analyzer.performance.generator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Failed requests of the measured part, by class. Immutable.
 *
 * @param connect connections that could not be opened
 * @param read connections that closed or sent something other than HTTP while an answer was awaited
 * @param timeout answers slower than the request timeout
 * @param non2xx answers whose status the scenario does not expect (any 2xx unless it names one)
 * @param byStatus every status seen, success included
 */
public record ErrorCounts(long connect, long read, long timeout, long non2xx, Map<Integer, Long> byStatus) {

  public ErrorCounts {
    byStatus = java.util.Collections.unmodifiableMap(new TreeMap<>(byStatus == null ? Map.of() : byStatus));
  }

  /** Every failed request (connect failures included). */
  public long total() {
    return connect + read + timeout + non2xx;
  }

  /** {@code {connect, read, timeout, non_2xx, total, by_status}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("connect", connect);
    m.put("read", read);
    m.put("timeout", timeout);
    m.put("non_2xx", non2xx);
    m.put("total", total());
    Map<String, Object> s = new LinkedHashMap<>();
    byStatus.forEach((k, v) -> s.put(String.valueOf(k), v));
    m.put("by_status", s);
    return m;
  }
}
