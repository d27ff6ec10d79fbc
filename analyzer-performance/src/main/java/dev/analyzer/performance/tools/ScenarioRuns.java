package dev.analyzer.performance.tools;

import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.performance.generator.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs a one-URL tool (ab, hey) once per scenario, one after another, each for its share of the
 * measured time by weight (at least 1 s), and combines the runs into one record: counts, rates and
 * error classes summed, mean weighted by requests, min and max over the runs, and each run's figures
 * under {@code load.scenarios}, labelled with its scenario. Percentiles cannot be merged from
 * percentiles, so with several scenarios the combined {@code latency_ms} has {@code max} and
 * {@code mean} and leaves the percentiles {@code null}; each scenario keeps its own. Stateless.
 */
final class ScenarioRuns {

  /** One run of the tool for one scenario. */
  interface One {
    ToolRecord run(Scenario scenario, long seconds, double share) throws InterruptedException;
  }

  private ScenarioRuns() {}

  /**
   * The record of running {@code one} for every scenario {@code sendable} accepts; {@code why} says
   * what the tool cannot send (when it accepts none, the record is skipped with it).
   */
  static ToolRecord run(String tool, LoadJob job, Predicate<Scenario> sendable, String why, One one)
      throws InterruptedException {
    List<Scenario> runnable = job.scenarios().stream().filter(sendable).toList();
    List<Scenario> left = job.scenarios().stream().filter(sendable.negate()).toList();
    if (runnable.isEmpty()) {
      return ToolRecord.failed(tool, ToolStatus.SKIPPED, why + "; the scenarios are "
          + job.scenarios().stream().map(s -> s.method() + " " + s.path()).toList(), 0);
    }
    long total = Math.max(1, job.load().measured().toSeconds());
    int weights = runnable.stream().mapToInt(Scenario::weight).sum();
    List<ToolRecord> records = new ArrayList<>();
    for (Scenario s : runnable) {
      double share = (double) s.weight() / weights;
      long seconds = runnable.size() == 1 ? total : Math.max(1, Math.round(total * share));
      ToolRecord r = one.run(s, seconds, share);
      if (r.status() != ToolStatus.SUCCESS) {
        return r.error() == null || runnable.size() == 1 ? r
            : ToolRecord.failed(tool, r.status(), s.method() + " " + s.path() + ": " + r.error(), r.seconds(), r.fields());
      }
      records.add(r);
    }
    ToolRecord combined = records.size() == 1 ? records.get(0) : combine(tool, runnable, records);
    return left.isEmpty() ? labelled(combined, runnable) : withNote(labelled(combined, runnable), why, left);
  }

  private static ToolRecord labelled(ToolRecord r, List<Scenario> runnable) {
    if (r.load() == null || r.load().containsKey("scenarios")) {
      return r;
    }
    Map<String, Object> load = new LinkedHashMap<>(r.load());
    load.put("scenarios", List.of(scenario(runnable.get(0), r)));
    return new ToolRecord(r.tool(), r.status(), r.error(), r.fields(), load, r.seconds(), r.builtin());
  }

  private static ToolRecord withNote(ToolRecord r, String why, List<Scenario> left) {
    Map<String, Object> load = new LinkedHashMap<>(r.load());
    load.put("scenarios_not_sent", left.stream().map(s -> s.method() + " " + s.path()).toList());
    load.put("scenarios_not_sent_reason", why);
    return new ToolRecord(r.tool(), r.status(), r.error(), r.fields(), load, r.seconds(), r.builtin());
  }

  @SuppressWarnings("unchecked")
  private static ToolRecord combine(String tool, List<Scenario> scenarios, List<ToolRecord> records) {
    long completed = 0;
    long failed = 0;
    double seconds = 0;
    double took = 0;
    double weightedMean = 0;
    Double min = null;
    Double max = null;
    double bytes = 0;
    boolean anyBytes = false;
    Map<String, Object> errors = new LinkedHashMap<>();
    Map<String, Object> byStatus = new LinkedHashMap<>();
    List<Object> perScenario = new ArrayList<>();
    List<Object> raws = new ArrayList<>();
    StringBuilder stdout = new StringBuilder();
    StringBuilder stderr = new StringBuilder();
    int exit = 0;
    for (int i = 0; i < records.size(); i++) {
      ToolRecord r = records.get(i);
      Map<String, Object> f = r.fields();
      Map<String, Object> load = r.load();
      long c = num(f.get("completed_requests")).longValue();
      completed += c;
      failed += num(f.get("failed_requests")).longValue();
      double d = num(load.get("duration_seconds")).doubleValue();
      seconds += d;
      took += r.seconds();
      if (f.get("avg_response_time") instanceof Number avg) {
        weightedMean += avg.doubleValue() * c;
      }
      min = pick(min, f.get("min_response_time"), true);
      max = pick(max, f.get("max_response_time"), false);
      if (load.get("bytes_per_second") instanceof Number b) {
        bytes += b.doubleValue() * d;
        anyBytes = true;
      }
      Map<String, Object> e = (Map<String, Object>) load.get("errors");
      for (String k : List.of("connect", "read", "timeout", "non_2xx")) {
        if (e.get(k) instanceof Number n) {
          errors.merge(k, n.longValue(), (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
        } else {
          errors.putIfAbsent(k, null);
        }
      }
      ((Map<String, Object>) e.getOrDefault("by_status", Map.of())).forEach((k, v) -> byStatus.merge(k, v,
          (a, b) -> ((Number) a).longValue() + ((Number) b).longValue()));
      perScenario.add(scenario(scenarios.get(i), r));
      if (f.get("raw") instanceof Map<?, ?> raw) {
        raws.add(raw);
        stdout.append(raw.get("stdout") instanceof String s ? s : "");
        stderr.append(raw.get("stderr") instanceof String s ? s : "");
        exit = Math.max(exit, raw.get("exit_code") instanceof Number n ? n.intValue() : 0);
      }
    }
    double rate = seconds <= 0 ? 0 : completed / seconds;
    Double mean = completed == 0 ? null : Math.round(weightedMean / completed * 1000) / 1000.0;
    Map<String, Object> fields = ToolRecord.originalFields(rate, mean, completed, failed, min, max, null);
    Map<String, Object> first = records.get(0).fields();
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("requests", completed);
    configuration.put("concurrency", first.get("configuration") instanceof Map<?, ?> cf ? cf.get("concurrency") : null);
    configuration.put("scenarios", scenarios.size());
    fields.put("configuration", configuration);
    Map<String, Object> raw = new LinkedHashMap<>();
    Map<?, ?> firstRaw = raws.isEmpty() ? Map.of() : (Map<?, ?>) raws.get(0);
    raw.put("command", firstRaw.get("command") == null ? List.of() : firstRaw.get("command"));
    raw.put("stdout", stdout.length() <= 12_000 ? stdout.toString() : stdout.substring(0, 12_000));
    raw.put("stderr", stderr.length() <= 4_000 ? stderr.toString() : stderr.substring(0, 4_000));
    raw.put("exit_code", exit);
    raw.put("duration", Math.round(took * 1000) / 1000.0);
    raw.put("runs", raws);
    fields.put("raw", raw);
    Map<String, Object> load = new LinkedHashMap<>(records.get(0).load());
    load.put("label", tool + " (external, " + scenarios.size() + " scenarios one after another, time shared by "
        + "weight; percentiles per scenario)");
    load.put("duration_seconds", Math.round(seconds * 100) / 100.0);
    load.put("achieved_rate", Math.round(rate * 100) / 100.0);
    load.put("requests", completed);
    Long total = null;
    for (String k : List.of("connect", "read", "timeout", "non_2xx")) {
      if (errors.get(k) instanceof Number n) {
        total = (total == null ? 0 : total) + n.longValue();
      }
    }
    Map<String, Object> e = new LinkedHashMap<>(errors);
    e.put("total", total);
    e.put("by_status", byStatus);
    load.put("errors", e);
    load.put("bytes_per_second", anyBytes && seconds > 0 ? Math.round(bytes / seconds * 100) / 100.0 : null);
    Map<String, Object> latency = new LinkedHashMap<>();
    for (String k : List.of("p50", "p90", "p95", "p99", "p99_9")) {
      latency.put(k, null);
    }
    latency.put("max", max);
    latency.put("mean", mean);
    load.put("latency_ms", latency);
    load.put("latency_uncorrected_ms", latency);
    load.put("scenarios", perScenario);
    return new ToolRecord(tool, ToolStatus.SUCCESS, null, fields, load, took, null);
  }

  private static Map<String, Object> scenario(Scenario s, ToolRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("method", s.method());
    m.put("path", s.path());
    m.put("weight", s.weight());
    m.put("duration_seconds", r.load().get("duration_seconds"));
    m.put("requests", r.load().get("requests"));
    m.put("achieved_rate", r.load().get("achieved_rate"));
    m.put("errors", r.load().get("errors") instanceof Map<?, ?> e ? e.get("total") : null);
    m.put("latency_ms", r.load().get("latency_ms"));
    return m;
  }

  private static Number num(Object o) {
    return o instanceof Number n ? n : 0;
  }

  private static Double pick(Double current, Object v, boolean lowest) {
    if (!(v instanceof Number n)) {
      return current;
    }
    double d = n.doubleValue();
    return current == null ? d : lowest ? Math.min(current, d) : Math.max(current, d);
  }
}
