package dev.analyzer.performance.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.performance.generator.Scenario;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * wrk (Debian 4.1.0) with a generated Lua script: {@code request()} cycles through the scenarios by
 * weight, {@code done()} prints one JSON line with the summary, the error classes and the latency
 * percentiles. wrk is a closed model; before {@code done()} it applies its own post-hoc
 * correction ({@code interval = runtime / (requests / connections)}), so its figures are labelled
 * as such and no uncorrected ones exist. Thread-safe.
 */
public final class WrkTool extends ExternalLoadTool {

  public static final String NAME = "wrk";
  private static final String MARK = "ANALYZER_WRK ";
  private static final ObjectMapper JSON = new ObjectMapper();

  public WrkTool(Path executable, String version) {
    super(NAME, executable, version);
  }

  @Override
  public ToolRecord run(LoadJob job) throws InterruptedException {
    long started = System.nanoTime();
    int connections = job.load().connections();
    int threads = job.intOption("threads", 1, 1, 64);
    long seconds = Math.max(1, job.load().measured().toSeconds());
    Path script = job.workDir().resolve("wrk-" + System.nanoTime() + ".lua");
    try {
      Files.writeString(script, lua(job.scenarios(), Pinned.host(job.target())), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ToolRecord.failed(NAME, ToolStatus.ERROR, "cannot write the wrk script: " + e.getMessage(), 0);
    }
    List<String> cmd = new ArrayList<>(List.of(executable().toString(), "-t" + threads, "-c"
        + Math.max(connections, threads), "-d" + seconds + "s", "--latency", "--timeout",
        Math.max(1, job.load().timeout().toSeconds()) + "s", "-s", script.toString(),
        Pinned.url(job.target(), job.scenarios().get(0).path())));
    ProcessResult r = job.ctx().processes().run(ProcessSpec.of(cmd).withTimeout(Duration.ofSeconds(seconds + 60)));
    double took = (System.nanoTime() - started) / 1e9;
    if (r.termination() == ProcessResult.Termination.CANCELLED) {
      return cancelled(took);
    }
    String line = r.stdout().lines().filter(l -> l.startsWith(MARK)).findFirst().orElse(null);
    if (!r.succeeded() || line == null) {
      return failed(r, took);
    }
    try {
      return parse(JSON.readTree(line.substring(MARK.length())), job, connections, took, cmd);
    } catch (IOException e) {
      return ToolRecord.failed(NAME, ToolStatus.ERROR, "wrk's done() output is not JSON: " + tail(line), took);
    }
  }

  static ToolRecord parse(JsonNode j, LoadJob job, int connections, double took, List<String> cmd) {
    double runtime = j.path("duration_us").asDouble() / 1e6;
    long requests = j.path("requests").asLong();
    long status = j.path("status").asLong();
    long connect = j.path("connect").asLong();
    long read = j.path("read").asLong() + j.path("write").asLong();
    long timeout = j.path("timeout").asLong();
    double rps = runtime <= 0 ? 0 : requests / runtime;
    ExternalLoad load = new ExternalLoad(NAME, "wrk " + "(external; latency with wrk's post-hoc correction)",
        job.target().target().toString(), connections, Math.round(runtime * 100) / 100.0)
        .withCorrection("wrk applies a post-hoc coordinated-omission correction before reporting (interval = "
            + "runtime / (requests / connections)); it is not the intended-send-time correction of the built-in's "
            + "open model, and wrk reports no uncorrected figures")
        .rate(rps).requests(requests).error("connect", connect).error("read", read).error("timeout", timeout)
        .error("non_2xx", status).bytesPerSecond(runtime <= 0 ? null : j.path("bytes").asDouble() / runtime)
        .latency(ms(j, "p50"), ms(j, "p90"), ms(j, "p99"), ms(j, "p999"), ms(j, "max"), ms(j, "mean"))
        .p95(ms(j, "p95"));
    long failed = status + connect + read + timeout;
    Map<String, Object> fields = ToolRecord.originalFields(rps, ms(j, "mean"), requests, failed, ms(j, "min"),
        ms(j, "max"), ms(j, "p50"));
    fields.put("configuration", Map.of("requests", requests, "concurrency", connections));
    fields.put("raw", ToolRecord.raw(cmd, "", "", 0, took));
    return new ToolRecord(NAME, ToolStatus.SUCCESS, null, fields, load.toMap(), took, null);
  }

  private static Double ms(JsonNode j, String field) {
    return j.has(field) ? Math.round(j.path(field).asDouble()) / 1000.0 : null;
  }

  /** The Lua script: weighted requests, and a done() that prints one JSON line. */
  static String lua(List<Scenario> scenarios, String host) {
    StringBuilder sb = new StringBuilder("local reqs = {}\nlocal order = {}\n");
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      sb.append("do local h = {}\n  h[\"Host\"] = ").append(lit(host)).append('\n');
      s.headers().forEach((k, v) -> sb.append("  h[").append(lit(k)).append("] = ").append(lit(v)).append('\n'));
      sb.append("  reqs[").append(i + 1).append("] = wrk.format(").append(lit(s.method())).append(", ")
          .append(lit(s.path())).append(", h, ").append(s.body().length == 0 ? "nil" : lit(s.bodyText()))
          .append(")\nend\n");
      sb.append("for k = 1, ").append(s.weight()).append(" do order[#order + 1] = ").append(i + 1).append(" end\n");
    }
    sb.append("local n = 0\nrequest = function()\n  n = n + 1\n  return reqs[order[(n - 1) % #order + 1]]\nend\n");
    sb.append("done = function(summary, latency, requests)\n  local e = summary.errors\n")
        .append("  io.write(string.format('").append(MARK).append("{\"requests\":%d,\"duration_us\":%d,\"bytes\":%d,")
        .append("\"connect\":%d,\"read\":%d,\"write\":%d,\"status\":%d,\"timeout\":%d,\"p50\":%d,\"p90\":%d,")
        .append("\"p95\":%d,\"p99\":%d,\"p999\":%d,\"max\":%d,\"min\":%d,\"mean\":%.1f}\\n', summary.requests, ")
        .append("summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout, ")
        .append("latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), ")
        .append("latency:percentile(99.9), latency.max, latency.min, latency.mean))\nend\n");
    return sb.toString();
  }

  /** A Lua string literal holding {@code s} with every byte but letters and digits escaped. */
  static String lit(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-'
          || c == '_' || c == '.') {
        sb.append((char) c);
      } else {
        sb.append('\\').append(String.format("%03d", c));
      }
    }
    return sb.append('"').toString();
  }

  static String tail(String s) {
    String t = s.strip();
    return t.length() > 500 ? "..." + t.substring(t.length() - 500) : t;
  }
}
