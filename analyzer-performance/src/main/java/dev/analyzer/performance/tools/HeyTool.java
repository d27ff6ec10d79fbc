package dev.analyzer.performance.tools;

import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.performance.generator.Scenario;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * hey (Debian 0.1.4): every scenario, one after another, each for its share of the measured
 * duration by weight ({@link ScenarioRuns}), the request's connections; its text summary parsed (requests/s, average, slowest, fastest, the latency
 * distribution, status codes, errors). Thread-safe.
 */
public final class HeyTool extends ExternalLoadTool {

  public static final String NAME = "hey";

  public HeyTool(Path executable) {
    super(NAME, executable, null);
  }

  @Override
  public ToolRecord run(LoadJob job) throws InterruptedException {
    return ScenarioRuns.run(NAME, job, s -> true, "", (s, seconds, share) -> runOne(job, s, seconds));
  }

  /** One hey run of {@code s} for {@code seconds}. */
  private ToolRecord runOne(LoadJob job, Scenario s, long seconds) throws InterruptedException {
    long started = System.nanoTime();
    int connections = job.load().connections();
    List<String> cmd = new ArrayList<>(List.of(executable().toString(), "-z", seconds + "s", "-c",
        String.valueOf(connections), "-t", String.valueOf(Math.max(1, job.load().timeout().toSeconds())), "-m",
        s.method(), "-host", Pinned.host(job.target())));
    s.headers().forEach((k, v) -> cmd.addAll(List.of("-H", k + ": " + v)));
    if (s.body().length > 0) {
      cmd.addAll(List.of("-d", s.bodyText()));
    }
    cmd.add(Pinned.url(job.target(), s.path()));
    ProcessResult r = job.ctx().processes().run(ProcessSpec.of(cmd).withTimeout(Duration.ofSeconds(seconds + 60)));
    double took = (System.nanoTime() - started) / 1e9;
    if (r.termination() == ProcessResult.Termination.CANCELLED) {
      return cancelled(took);
    }
    if (!r.succeeded() || !r.stdout().contains("Requests/sec")) {
      return failed(r, took);
    }
    return parse(r.stdout(), job, s, connections, took, cmd);
  }

  static ToolRecord parse(String out, LoadJob job, Scenario s, int connections, double took, List<String> cmd) {
    double total = secs(out, "Total:");
    double rps = number(out, "Requests/sec:");
    Double avg = ms(out, "Average:");
    Double slowest = ms(out, "Slowest:");
    Double fastest = ms(out, "Fastest:");
    Map<Integer, Double> pct = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\s+(\\d+)% in ([0-9.]+) secs").matcher(out);
    while (m.find()) {
      pct.put(Integer.parseInt(m.group(1)), Math.round(Double.parseDouble(m.group(2)) * 1e6) / 1000.0);
    }
    long ok = 0;
    long bad = 0;
    ExternalLoad load = new ExternalLoad(NAME, "hey (external, one scenario)", job.target().target().toString(),
        connections, total);
    Matcher st = Pattern.compile("(?m)^\\s+\\[(\\d{3})\\]\\s+(\\d+) responses").matcher(out);
    while (st.find()) {
      int code = Integer.parseInt(st.group(1));
      long n = Long.parseLong(st.group(2));
      load.status(code, n);
      if (s.accepts(code)) {
        ok += n;
      } else {
        bad += n;
      }
    }
    long errors = 0;
    int e = out.indexOf("Error distribution:");
    if (e >= 0) {
      Matcher em = Pattern.compile("(?m)^\\s+\\[(\\d+)\\]").matcher(out.substring(e));
      while (em.find()) {
        errors += Long.parseLong(em.group(1));
      }
    }
    long requests = ok + bad + errors;
    Double sizePerRequest = out.contains("Size/request:") ? number(out, "Size/request:") : null;
    load.rate(rps).requests(requests).error("non_2xx", bad).error("read", errors)
        .bytesPerSecond(sizePerRequest == null ? null : sizePerRequest * rps)
        .latency(pct.get(50), pct.get(90), pct.get(99), null, slowest, avg).p95(pct.get(95));
    Map<String, Object> fields = ToolRecord.originalFields(rps, avg, requests, bad + errors, fastest, slowest,
        pct.get(50));
    fields.put("configuration", Map.of("requests", requests, "concurrency", connections));
    fields.put("raw", ToolRecord.raw(cmd, out, "", 0, took));
    return new ToolRecord(NAME, ToolStatus.SUCCESS, null, fields, load.toMap(), took, null);
  }

  private static double number(String out, String label) {
    Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+([0-9.]+)").matcher(out);
    if (!m.find()) {
      throw new IllegalArgumentException("hey output has no '" + label + "' line");
    }
    return Double.parseDouble(m.group(1));
  }

  private static double secs(String out, String label) {
    return number(out, label);
  }

  private static Double ms(String out, String label) {
    Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+([0-9.]+) secs").matcher(out);
    return m.find() ? Math.round(Double.parseDouble(m.group(1)) * 1e6) / 1000.0 : null;
  }
}
