package dev.analyzer.dynamic.scan;

import dev.analyzer.dynamic.auth.AuthConfig;
import dev.analyzer.dynamic.endpoints.EndpointSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a request's {@code config} into a {@link ScanConfig} over the service's defaults. Caps
 * (depth, URLs, requests, rate, duration, concurrency) may only be lowered by a request: a larger
 * value is clamped to the service's and the clamp is reported. Stateless and thread-safe.
 */
public final class ScanConfigReader {

  /** A config and the notes on values clamped to the service's caps. */
  public record Read(ScanConfig config, List<String> notes, String profile) {}

  private ScanConfigReader() {}

  /**
   * @throws IllegalArgumentException naming the {@code config} field that is wrong
   */
  public static Read read(Map<String, Object> config, ScanConfig caps) {
    List<String> notes = new ArrayList<>();
    ScanConfigBuilder b = caps.toBuilder();
    String profile = String.valueOf(config.getOrDefault("profile", "standard")).toLowerCase(Locale.ROOT);
    if (!List.of("quick", "standard", "full").contains(profile)) {
      throw new IllegalArgumentException("config.profile must be quick, standard or full, got " + profile);
    }
    if (profile.equals("quick")) {
      b.withChecks(Set.of("passive", "exposure", "ports")).withMaxDepth(Math.min(caps.maxDepth(), 2));
    }
    b.withMaxDepth(capped(config, "max_depth", caps.maxDepth(), notes, profile.equals("quick") ? 2 : caps.maxDepth()));
    b.withMaxUrls(capped(config, "max_urls", caps.maxUrls(), notes, caps.maxUrls()));
    b.withMaxRequests(capped(config, "max_requests", caps.maxRequests(), notes, caps.maxRequests()));
    b.withConcurrency(capped(config, "concurrency", caps.concurrency(), notes, caps.concurrency()));
    Integer rate = integer(config, "max_rate");
    if (rate != null) {
      boolean over = caps.maxRate() > 0 && (rate == 0 || rate > caps.maxRate());
      b.withMaxRate(over ? caps.maxRate() : rate);
      if (over) {
        notes.add("config.max_rate " + rate + " lowered to the service's cap " + caps.maxRate());
      }
    }
    Double seconds = number(config, "max_duration_seconds");
    if (seconds != null) {
      Duration d = Duration.ofMillis((long) (seconds * 1000));
      b.withMaxDuration(d.compareTo(caps.maxDuration()) > 0 ? caps.maxDuration() : d);
      if (d.compareTo(caps.maxDuration()) > 0) {
        notes.add("config.max_duration_seconds " + seconds + " lowered to the service's cap "
            + caps.maxDuration().toSeconds());
      }
    }
    Double delay = number(config, "time_delay_seconds");
    if (delay != null) {
      b.withTimeDelay(Duration.ofMillis((long) (delay * 1000)));
    }
    Object unsafe = config.get("allow_unsafe_methods");
    if (unsafe != null && !(unsafe instanceof Boolean)) {
      throw new IllegalArgumentException("config.allow_unsafe_methods must be true or false, got " + unsafe);
    }
    b.withAllowUnsafeMethods(Boolean.TRUE.equals(unsafe));
    Object checks = config.get("checks");
    if (checks instanceof List<?> l) {
      Set<String> s = new LinkedHashSet<>();
      l.forEach(o -> s.add(String.valueOf(o).toLowerCase(Locale.ROOT)));
      b.withChecks(s);
    } else if (checks != null) {
      throw new IllegalArgumentException("config.checks must be a list of passive, exposure, active, ports");
    }
    Object ports = config.get("ports");
    if (ports instanceof List<?> l) {
      List<Integer> p = new ArrayList<>();
      for (Object o : l) {
        if (!(o instanceof Number n)) {
          throw new IllegalArgumentException("config.ports must be a list of port numbers, got " + o);
        }
        p.add(n.intValue());
      }
      b.withPorts(p);
    } else if (ports != null) {
      throw new IllegalArgumentException("config.ports must be a list of port numbers");
    }
    Object auth = config.get("auth");
    if (auth instanceof Map<?, ?> m) {
      b.withAuth(AuthConfig.fromMap(m));
    } else if (auth != null) {
      throw new IllegalArgumentException("config.auth must be an object {type, ...}");
    }
    Object endpoints = config.get("endpoints");
    if (endpoints instanceof List<?> l) {
      List<EndpointSpec> specs = new ArrayList<>();
      for (Object o : l) {
        if (!(o instanceof Map<?, ?> m)) {
          throw new IllegalArgumentException("config.endpoints must hold objects {method, path, expected_status}");
        }
        specs.add(EndpointSpec.fromMap(m));
      }
      if (specs.size() > 500) {
        throw new IllegalArgumentException("config.endpoints may list at most 500 endpoints, got " + specs.size());
      }
      b.withEndpoints(specs);
    } else if (endpoints != null) {
      throw new IllegalArgumentException("config.endpoints must be a list");
    }
    return new Read(b.build(), notes, profile);
  }

  private static int capped(Map<String, Object> c, String key, int cap, List<String> notes, int fallback) {
    Integer v = integer(c, key);
    if (v == null) {
      return Math.min(fallback, cap);
    }
    if (v > cap) {
      notes.add("config." + key + " " + v + " lowered to the service's cap " + cap);
      return cap;
    }
    return v;
  }

  private static Integer integer(Map<String, Object> c, String key) {
    Object v = c.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException("config." + key + " must be an integer, got " + v);
  }

  private static Double number(Map<String, Object> c, String key) {
    Object v = c.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("config." + key + " must be a number, got " + v);
  }
}
