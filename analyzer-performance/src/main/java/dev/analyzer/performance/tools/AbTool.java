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
 * ApacheBench (Debian apache2-utils): every GET or HEAD scenario, one after another, each for its
 * share of the measured duration by weight ({@link ScenarioRuns}), or of
 * {@code -n config.apache_bench.requests} when given (the original ran {@code -n 20 -c 5});
 * keep-alive, the request's connections. Parsed as the original: requests per second,
 * time per request, complete and failed requests; plus ab's percentile table. Thread-safe.
 */
public final class AbTool extends ExternalLoadTool {

  public static final String NAME = "ab";
  private static final Pattern NUMBER = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)");

  public AbTool(Path executable, String version) {
    super(NAME, executable, version);
  }

  @Override
  public ToolRecord run(LoadJob job) throws InterruptedException {
    int concurrency = job.intOption("concurrency", job.load().connections(), 1, 20_000);
    Integer requests = job.toolConfig().get("requests") == null ? null
        : job.intOption("requests", 20, 1, 50_000_000);
    return ScenarioRuns.run(NAME, job, s -> s.method().equals("GET") || s.method().equals("HEAD"),
        "ab sends GET or HEAD only", (s, seconds, share) -> runOne(job, s, concurrency,
            requests == null ? null : (int) Math.max(1, Math.round(requests * share)), seconds));
  }

  /** One ab run of {@code s}: for {@code seconds}, or {@code requests} requests when given. */
  private ToolRecord runOne(LoadJob job, Scenario s, int concurrency, Integer requests, long seconds)
      throws InterruptedException {
    long started = System.nanoTime();
    List<String> cmd = new ArrayList<>(List.of(executable().toString(), "-k", "-c", String.valueOf(concurrency),
        "-s", String.valueOf(Math.max(1, job.load().timeout().toSeconds())), "-H", "Host: " + Pinned.host(job.target())));
    if (requests == null) {
      cmd.addAll(List.of("-t", String.valueOf(seconds), "-n", String.valueOf(Math.min(5_000_000, 50_000 * seconds))));
    } else {
      cmd.addAll(List.of("-n", String.valueOf(Math.max(requests, concurrency))));
    }
    if (s.method().equals("HEAD")) {
      cmd.add("-i");
    }
    s.headers().forEach((k, v) -> cmd.addAll(List.of("-H", k + ": " + v)));
    cmd.add(Pinned.url(job.target(), s.path()));
    ProcessResult r = job.ctx().processes().run(ProcessSpec.of(cmd).withTimeout(Duration.ofSeconds(seconds + 120)));
    double took = (System.nanoTime() - started) / 1e9;
    if (r.termination() == ProcessResult.Termination.CANCELLED) {
      return cancelled(took);
    }
    if (!r.succeeded() || !r.stdout().contains("Requests per second")) {
      return failed(r, took);
    }
    return parse(r.stdout(), job, concurrency, took, cmd, r.exitCode());
  }

  static ToolRecord parse(String out, LoadJob job, int concurrency, double took, List<String> cmd, int exit) {
    double rps = value(out, "Requests per second:");
    double perRequest = value(out, "Time per request:");
    long complete = (long) value(out, "Complete requests:");
    long failed = (long) value(out, "Failed requests:");
    long non2xx = (long) valueOr(out, "Non-2xx responses:", 0);
    double seconds = value(out, "Time taken for tests:");
    double transferKb = valueOr(out, "Transfer rate:", -1);
    Map<Integer, Double> pct = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\s+(\\d+)%\\s+(\\d+)").matcher(out);
    while (m.find()) {
      pct.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
    }
    Double min = null;
    Matcher total = Pattern.compile("(?m)^Total:\\s+(\\d+)\\s+(\\d+)").matcher(out);
    if (total.find()) {
      min = Double.parseDouble(total.group(1));
    }
    Double mean = total.find(0) ? Double.parseDouble(total.group(2)) : perRequest;
    ExternalLoad load = new ExternalLoad(NAME, "ab (external, one scenario, percentiles in whole ms)",
        job.target().target().toString(), concurrency, seconds).rate(rps).requests(complete)
        .error("non_2xx", non2xx).bytesPerSecond(transferKb < 0 ? null : transferKb * 1024)
        .latency(pct.get(50), pct.get(90), pct.get(99), null, pct.get(100), mean).p95(pct.get(95));
    Matcher breakdown = Pattern.compile("\\(Connect: (\\d+), Receive: (\\d+), Length: (\\d+), Exceptions: (\\d+)\\)")
        .matcher(out);
    if (breakdown.find()) {
      load.error("connect", Long.parseLong(breakdown.group(1))).error("read", Long.parseLong(breakdown.group(2))
          + Long.parseLong(breakdown.group(4)));
    }
    Map<String, Object> fields = ToolRecord.originalFields(rps, perRequest, complete, failed + non2xx, min,
        pct.get(100), pct.get(50));
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("requests", complete);
    configuration.put("concurrency", concurrency);
    fields.put("configuration", configuration);
    fields.put("raw", ToolRecord.raw(cmd, out, "", exit, took));
    return new ToolRecord(NAME, ToolStatus.SUCCESS, null, fields, load.toMap(), took, null);
  }

  private static double value(String out, String label) {
    double v = valueOr(out, label, Double.NaN);
    if (Double.isNaN(v)) {
      throw new IllegalArgumentException("ab output has no '" + label + "' line");
    }
    return v;
  }

  private static double valueOr(String out, String label, double fallback) {
    int i = out.indexOf(label);
    if (i < 0) {
      return fallback;
    }
    Matcher m = NUMBER.matcher(out.substring(i + label.length(), Math.min(out.length(), i + label.length() + 60)));
    return m.find() ? Double.parseDouble(m.group(1)) : fallback;
  }
}
