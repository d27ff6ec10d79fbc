package dev.analyzer.performance.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ProtocolException;
import dev.analyzer.performance.PerformanceSettings;
import dev.analyzer.performance.generator.Scenario;
import dev.analyzer.performance.generator.Stage;
import dev.analyzer.performance.generator.WorkloadModel;
import dev.analyzer.performance.thresholds.Thresholds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code config.load} = {@code {model, rate, duration, connections, stages: [{duration,
 * target_rate}], scenarios: [...], thresholds: [...], warmup, think_time, timeout}} and the
 * original's top-level {@code users} (connections of the closed model) and {@code duration}. A
 * value beyond a cap is refused, never lowered in silence. Stateless.
 */
public final class LoadRequestReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LoadRequestReader() {
  }

  /**
   * @throws ProtocolException {@code invalid_request} naming the field, its bound and the value
   */
  public static LoadRequest read(AnalysisRequest req, PerformanceSettings caps) {
    try {
      return parse(req, caps);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ErrorCode.INVALID_REQUEST, e.getMessage(), "config", req.id());
    }
  }

  @SuppressWarnings("unchecked")
  private static LoadRequest parse(AnalysisRequest req, PerformanceSettings caps) {
    Object raw = req.config().get("load");
    if (raw != null && !(raw instanceof Map)) {
      throw new IllegalArgumentException("config.load must be an object, got " + raw);
    }
    Map<String, Object> load = raw == null ? Map.of() : (Map<String, Object>) raw;
    Object users = req.extra().get("users");
    Object legacyDuration = req.extra().get("duration");
    List<Stage> stages = stages(load.get("stages"), caps);
    Double rate = load.get("rate") == null ? null : number("config.load.rate", load.get("rate"));
    WorkloadModel model;
    if (load.get("model") != null) {
      model = WorkloadModel.fromWire(String.valueOf(load.get("model"))).orElseThrow(() ->
          new IllegalArgumentException("config.load.model must be open or closed, got " + load.get("model")));
    } else {
      model = rate != null || !stages.isEmpty() ? WorkloadModel.OPEN : WorkloadModel.CLOSED;
    }
    if (model == WorkloadModel.OPEN && rate == null && stages.isEmpty()) {
      throw new IllegalArgumentException("config.load: the open model needs a rate or stages");
    }
    if (model == WorkloadModel.CLOSED && (rate != null || !stages.isEmpty())) {
      throw new IllegalArgumentException("config.load: rate and stages belong to the open model, not closed");
    }
    if (rate != null && (!(rate > 0) || rate > caps.maxRate())) {
      throw new IllegalArgumentException("config.load.rate must be > 0 and at most ANALYZER_PERF_MAX_RATE ("
          + caps.maxRate() + "), got " + rate);
    }
    Duration duration = caps.defaultDuration();
    if (load.get("duration") != null) {
      duration = Durations.parse("config.load.duration", load.get("duration"));
    } else if (legacyDuration != null) {
      duration = Durations.parse("duration", legacyDuration);
    }
    Duration measured = duration;
    if (!stages.isEmpty()) {
      measured = stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
    }
    if (measured.isZero() || measured.compareTo(caps.maxDuration()) > 0) {
      throw new IllegalArgumentException("config.load.duration must be > 0 and at most ANALYZER_PERF_MAX_DURATION ("
          + caps.maxDuration().toSeconds() + " s), got " + measured.toMillis() / 1000.0 + " s");
    }
    int connections = caps.defaultConnections();
    if (load.get("connections") != null) {
      connections = integer("config.load.connections", load.get("connections"));
    } else if (users != null) {
      connections = integer("users", users);
    }
    if (connections < 1 || connections > caps.maxConnections()) {
      throw new IllegalArgumentException("config.load.connections must be 1..ANALYZER_PERF_MAX_CONNECTIONS ("
          + caps.maxConnections() + "), got " + connections);
    }
    Duration warmup = load.get("warmup") == null ? caps.warmup() : Durations.parse("config.load.warmup",
        load.get("warmup"));
    if (warmup.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("config.load.warmup must be at most 600 s, got " + warmup.toSeconds() + " s");
    }
    Duration think = load.get("think_time") == null ? Duration.ZERO
        : Durations.parse("config.load.think_time", load.get("think_time"));
    if (think.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("config.load.think_time must be at most 60 s, got " + think.toSeconds());
    }
    Duration timeout = load.get("timeout") == null ? caps.requestTimeout()
        : Durations.parse("config.load.timeout", load.get("timeout"));
    if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("config.load.timeout must be 1 ms..600 s, got " + timeout.toMillis() + " ms");
    }
    List<Scenario> scenarios = scenarios(load.get("scenarios"));
    Thresholds thresholds = Thresholds.parse(load.get("thresholds"));
    return new LoadRequest(model, rate == null ? 0 : rate, stages, duration, warmup, connections, think, timeout,
        scenarios, thresholds);
  }

  @SuppressWarnings("unchecked")
  private static List<Stage> stages(Object raw, PerformanceSettings caps) {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > 100) {
      throw new IllegalArgumentException("config.load.stages must be a list of 1..100 {duration, target_rate}, got "
          + raw);
    }
    List<Stage> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "config.load.stages[" + i + "]";
      if (!(list.get(i) instanceof Map)) {
        throw new IllegalArgumentException(field + " must be {duration, target_rate}, got " + list.get(i));
      }
      Map<String, Object> m = (Map<String, Object>) list.get(i);
      Object r = m.containsKey("target_rate") ? m.get("target_rate") : m.containsKey("rate") ? m.get("rate")
          : m.get("target");
      if (r == null || m.get("duration") == null) {
        throw new IllegalArgumentException(field + " needs duration and target_rate, got " + m);
      }
      double rate = number(field + ".target_rate", r);
      if (rate < 0 || rate > caps.maxRate()) {
        throw new IllegalArgumentException(field + ".target_rate must be 0..ANALYZER_PERF_MAX_RATE ("
            + caps.maxRate() + "), got " + rate);
      }
      Duration d = Durations.parse(field + ".duration", m.get("duration"));
      if (d.isZero()) {
        throw new IllegalArgumentException(field + ".duration must be > 0");
      }
      out.add(new Stage(d, rate));
    }
    if (out.stream().allMatch(s -> s.targetRate() == 0)) {
      throw new IllegalArgumentException("config.load.stages must reach a target_rate above 0");
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Scenario> scenarios(Object raw) {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list) || list.size() > 100) {
      throw new IllegalArgumentException("config.load.scenarios must be a list of at most 100 scenarios, got " + raw);
    }
    List<Scenario> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "config.load.scenarios[" + i + "]";
      Object o = list.get(i);
      if (o instanceof String path) {
        out.add(scenario(field, Map.of("path", path)));
      } else if (o instanceof Map) {
        out.add(scenario(field, (Map<String, Object>) o));
      } else {
        throw new IllegalArgumentException(field + " must be a path or {method, path, headers, body, "
            + "expected_status, weight}, got " + o);
      }
    }
    return out;
  }

  private static Scenario scenario(String field, Map<String, Object> m) {
    try {
      Map<String, String> headers = new LinkedHashMap<>();
      if (m.get("headers") instanceof Map<?, ?> h) {
        h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
      } else if (m.get("headers") != null) {
        throw new IllegalArgumentException("headers must be an object of name to value");
      }
      byte[] body = null;
      Object b = m.get("body");
      if (b instanceof String s) {
        body = s.getBytes(StandardCharsets.UTF_8);
      } else if (b != null) {
        body = JSON.writeValueAsBytes(b);
        if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("content-type"))) {
          headers.put("Content-Type", "application/json");
        }
      }
      Object path = m.get("path");
      if (!(path instanceof String)) {
        throw new IllegalArgumentException("path must be a string starting with /, got " + path);
      }
      String method = m.get("method") == null ? "GET" : String.valueOf(m.get("method"));
      int expected = m.get("expected_status") == null ? 0 : integer("expected_status", m.get("expected_status"));
      int weight = m.get("weight") == null ? 1 : integer("weight", m.get("weight"));
      String name = m.get("name") == null ? null : String.valueOf(m.get("name"));
      return new Scenario(name, method, (String) path, headers, body, expected, weight);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage().replaceFirst("^scenario ", ""), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(field + ".body is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static double number(String field, Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim().replaceFirst("(?i)/s$", ""));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(field + " must be a number, got " + v);
  }

  private static int integer(String field, Object v) {
    double d = number(field, v);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + " must be a whole number, got " + v);
    }
    return (int) d;
  }
}
