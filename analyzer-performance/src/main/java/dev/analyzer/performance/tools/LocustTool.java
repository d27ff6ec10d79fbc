package dev.analyzer.performance.tools;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Locust (Debian python3-locust 2.12), headless with CSV: a generated locustfile with one task per
 * scenario (weight, method, path, headers, body; a status the scenario does not expect is a
 * failure), {@code config.locust.users} (else {@code users}, else the connections) users spawned at
 * {@code config.locust.spawn_rate} (default: all at once), for {@code config.locust.run_time} (else
 * the measured duration). The CSV's {@code Aggregated} row is read. Thread-safe.
 */
public final class LocustTool extends ExternalLoadTool {

  public static final String NAME = "locust";

  public LocustTool(Path executable, String version) {
    super(NAME, executable, version);
  }

  @Override
  public ToolRecord run(LoadJob job) throws InterruptedException {
    long started = System.nanoTime();
    int users = job.intOption("users", job.load().connections(), 1, 10_000);
    int spawn = job.intOption("spawn_rate", users, 1, 10_000);
    long seconds = Math.max(1, job.load().measured().toSeconds());
    Object runTime = job.toolConfig().get("run_time");
    if (runTime instanceof String t && t.matches("\\d{1,5}s")) {
      seconds = Long.parseLong(t.substring(0, t.length() - 1));
    }
    Path dir = job.workDir().resolve("locust-" + System.nanoTime());
    Path file = dir.resolve("locustfile.py");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, locustfile(job.scenarios(), Pinned.host(job.target()), job.load().thinkTime()),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ToolRecord.failed(NAME, ToolStatus.ERROR, "cannot write the locustfile: " + e.getMessage(), 0);
    }
    String prefix = dir.resolve("run").toString();
    List<String> cmd = new ArrayList<>(List.of(executable().toString(), "-f", file.toString(), "--headless", "-u",
        String.valueOf(users), "-r", String.valueOf(spawn), "-t", seconds + "s", "--host",
        Pinned.url(job.target(), ""), "--csv", prefix, "--only-summary", "--loglevel", "WARNING",
        "--stop-timeout", "2"));
    ProcessResult r = job.ctx().processes().run(ProcessSpec.of(cmd).inDirectory(dir)
        .withTimeout(Duration.ofSeconds(seconds + 90)));
    double took = (System.nanoTime() - started) / 1e9;
    if (r.termination() == ProcessResult.Termination.CANCELLED) {
      return cancelled(took);
    }
    Path stats = Path.of(prefix + "_stats.csv");
    // locust exits 1 when any request failed; the CSV is still complete then
    if (!r.exitedWithOneOf(0, 1) || !Files.isRegularFile(stats)) {
      return failed(r, took);
    }
    try {
      return parse(Files.readString(stats), r.stdout() + "\n" + r.stderr(), job, users, seconds, took, cmd,
          r.exitCode());
    } catch (IOException | RuntimeException e) {
      return ToolRecord.failed(NAME, ToolStatus.ERROR, "locust's CSV could not be read: " + e.getMessage(), took);
    }
  }

  /**
   * The figures of the CSV's Aggregated row; when that row counts no request but the printed summary
   * does (locust 2.12 sometimes writes its final CSV after resetting its stats), the printed summary's.
   */
  static ToolRecord parse(String csv, String printed, LoadJob job, int users, long seconds, double took,
      List<String> cmd, int exit) {
    Map<String, String> row = csvRow(csv);
    Map<String, String> summary = summaryRow(printed);
    if (num(row, "Request Count") == 0 && summary != null && num(summary, "Request Count") > 0) {
      row = summary;
    }
    return record(row, job, users, seconds, took, cmd, exit);
  }

  private static Map<String, String> csvRow(String csv) {
    List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
    List<String> header = split(lines.get(0));
    Map<String, String> row = null;
    for (String l : lines.subList(1, lines.size())) {
      List<String> cells = split(l);
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i < header.size() && i < cells.size(); i++) {
        m.put(header.get(i), cells.get(i));
      }
      if ("Aggregated".equals(m.get("Name"))) {
        row = m;
      }
    }
    if (row == null) {
      throw new IllegalArgumentException("no Aggregated row");
    }
    return row;
  }

  private static final java.util.regex.Pattern TOTALS = java.util.regex.Pattern.compile(
      "Aggregated\\s+(\\d+)\\s+(\\d+)\\([^)]*\\)\\s*\\|\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*\\|"
          + "\\s*([0-9.]+)\\s+([0-9.]+)");
  private static final java.util.regex.Pattern PERCENTILES = java.util.regex.Pattern.compile(
      "Aggregated((?:\\s+(?:\\d+|N/A)){12})\\s*$", java.util.regex.Pattern.MULTILINE);
  private static final String[] PERCENTILE_COLUMNS = {"50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%",
      "99.9%", "99.99%", "100%"};

  /** The Aggregated lines of locust's printed summary as a CSV row, or null. */
  static Map<String, String> summaryRow(String printed) {
    java.util.regex.Matcher t = TOTALS.matcher(printed);
    if (!t.find()) {
      return null;
    }
    Map<String, String> row = new HashMap<>();
    row.put("Request Count", t.group(1));
    row.put("Failure Count", t.group(2));
    row.put("Average Response Time", t.group(3));
    row.put("Min Response Time", t.group(4));
    row.put("Max Response Time", t.group(5));
    row.put("Median Response Time", t.group(6));
    row.put("Requests/s", t.group(7));
    java.util.regex.Matcher p = PERCENTILES.matcher(printed);
    if (p.find()) {
      String[] cells = p.group(1).trim().split("\\s+");
      for (int i = 0; i < PERCENTILE_COLUMNS.length; i++) {
        row.put(PERCENTILE_COLUMNS[i], cells[i]);
      }
    }
    return row;
  }

  private static ToolRecord record(Map<String, String> row, LoadJob job, int users, long seconds, double took,
      List<String> cmd, int exit) {
    long requests = (long) num(row, "Request Count");
    long failures = (long) num(row, "Failure Count");
    double rps = num(row, "Requests/s");
    ExternalLoad load = new ExternalLoad(NAME, "locust (external, Python users; percentiles rounded by locust)",
        job.target().target().toString(), users, seconds).rate(rps).requests(requests).error("non_2xx", failures)
        .bytesPerSecond(num(row, "Average Content Size") * rps)
        .latency(num(row, "50%"), num(row, "90%"), num(row, "99%"), num(row, "99.9%"), num(row, "Max Response Time"),
            num(row, "Average Response Time")).p95(num(row, "95%"));
    Map<String, Object> fields = ToolRecord.originalFields(rps, num(row, "Average Response Time"), requests, failures,
        num(row, "Min Response Time"), num(row, "Max Response Time"), num(row, "Median Response Time"));
    // the original's locust record: failures (its readers count them as issues) and its configuration
    fields.put("failures", failures);
    fields.put("users", users);
    Map<String, Object> configuration = new java.util.LinkedHashMap<>();
    configuration.put("users", users);
    configuration.put("spawn_rate", spawnRate(cmd));
    configuration.put("run_time", seconds + "s");
    fields.put("configuration", configuration);
    fields.put("raw", ToolRecord.raw(cmd, "", "", exit, took));
    return new ToolRecord(NAME, ToolStatus.SUCCESS, null, fields, load.toMap(), took, null);
  }

  /** The spawn rate the command asked for ({@code -r}). */
  private static int spawnRate(List<String> cmd) {
    int i = cmd.indexOf("-r");
    return i >= 0 && i + 1 < cmd.size() ? Integer.parseInt(cmd.get(i + 1)) : 1;
  }

  private static double num(Map<String, String> row, String col) {
    String v = row.get(col);
    if (v == null || v.isBlank() || v.equals("N/A")) {
      return 0;
    }
    return Double.parseDouble(v);
  }

  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }

  /** The locustfile: one task per scenario; every string a Python literal built from escaped bytes. */
  static String locustfile(List<Scenario> scenarios, String host, Duration think) {
    StringBuilder sb = new StringBuilder("from locust import HttpUser, task, constant\n\n\nclass AnalyzerUser(HttpUser):\n")
        .append("    wait_time = constant(").append(think.toMillis() / 1000.0).append(")\n");
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      StringBuilder headers = new StringBuilder("{").append(py("Host")).append(": ").append(py(host));
      s.headers().forEach((k, v) -> headers.append(", ").append(py(k)).append(": ").append(py(v)));
      headers.append('}');
      String accept = s.expectedStatus() == 0 ? "200 <= r.status_code < 300" : "r.status_code == " + s.expectedStatus();
      sb.append("\n    @task(").append(s.weight()).append(")\n    def scenario_").append(i).append("(self):\n")
          .append("        with self.client.request(").append(py(s.method())).append(", ").append(py(s.path()))
          .append(", headers=").append(headers).append(", data=").append(s.body().length == 0 ? "None"
              : "b" + py(s.bodyText())).append(", name=").append(py(s.name()))
          .append(", catch_response=True, allow_redirects=False) as r:\n")
          .append("            if ").append(accept).append(":\n                r.success()\n")
          .append("            else:\n                r.failure(\"status %d\" % r.status_code)\n");
    }
    return sb.toString();
  }

  /** A Python string literal of {@code s}: letters and digits kept, every other byte as {@code \xNN}. */
  static String py(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-'
          || c == '_' || c == '.' || c == ' ') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.append('"').toString();
  }
}
