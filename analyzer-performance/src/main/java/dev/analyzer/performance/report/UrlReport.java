package dev.analyzer.performance.report;

import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.http.client.Reachability;
import dev.analyzer.performance.thresholds.ThresholdVerdict;
import dev.analyzer.performance.tools.ToolRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened at one URL: its connectivity, where its scenarios came from, each tool's record
 * and the thresholds' verdicts on the built-in's figures. Filled by the analysis thread; not thread-safe.
 */
public final class UrlReport {

  private final String url;
  private final Reachability.Result reach;
  private final List<ToolRecord> records = new ArrayList<>();
  private final List<ThresholdVerdict> verdicts = new ArrayList<>();
  private String scenarioSource;

  public UrlReport(String url, Reachability.Result reach) {
    this.url = url;
    this.reach = reach;
  }

  public String url() {
    return url;
  }

  public boolean reachable() {
    return reach.answered();
  }

  public void scenarioSource(String source) {
    this.scenarioSource = source;
  }

  public void add(ToolRecord r) {
    records.add(r);
  }

  public void verdicts(List<ThresholdVerdict> v) {
    verdicts.addAll(v);
  }

  public List<ToolRecord> records() {
    return records;
  }

  public List<ThresholdVerdict> verdicts() {
    return verdicts;
  }

  /** True when some tool ran to success here. */
  public boolean anySuccess() {
    return records.stream().anyMatch(r -> r.status() == ToolStatus.SUCCESS);
  }

  /** The original's connectivity record. */
  public Map<String, Object> connectivity() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("status", reach.answered() ? "success" : "error");
    c.put("original_url", url);
    c.put("working_url", reach.answered() ? url : null);
    c.put("message", reach.detail());
    c.put("reachability", reach.status().wire());
    c.put("http_status", reach.statusCode() == 0 ? null : reach.statusCode());
    return c;
  }

  /** {@code results[url].load}: the built-in's section with the verdicts, plus every tool's section by name. */
  public Map<String, Object> load() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> byTool = new LinkedHashMap<>();
    for (ToolRecord r : records) {
      if (r.load() != null) {
        if (r.builtin() != null && out.isEmpty()) {
          out.putAll(r.load());
        }
        byTool.put(r.tool(), r.load());
      }
    }
    List<Object> v = new ArrayList<>();
    verdicts.forEach(x -> v.add(x.toMap()));
    out.put("thresholds", v);
    out.put("thresholds_passed", verdicts.stream().allMatch(ThresholdVerdict::passed));
    out.put("scenario_source", scenarioSource);
    out.put("by_tool", byTool);
    return out;
  }
}
