package dev.analyzer.dynamic.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.dynamic.checks.active.Mutation;
import dev.analyzer.dynamic.report.FindingSink;
import dev.analyzer.dynamic.report.Rules;
import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sqlmap (Debian 1.7.2), opt-in ({@code tools: ["sqlmap"]}): run only on the parameters the engine
 * marked suspicious (at most {@value #MAX_SUSPECTS}), one parameter per run ({@code -p}), through
 * the scan proxy, with {@code --batch}, level 1 / risk 1 (no OR or stacked payloads), no crawling,
 * {@code --time-sec} small and a timeout per run; findings from its "Parameter: ... Type: ..."
 * summary. Thread-safe.
 */
public final class SqlmapTool implements DynamicTool {

  static final int MAX_SUSPECTS = 5;
  private static final Pattern PARAMETER = Pattern.compile("(?m)^Parameter: (.+?) \\((GET|POST|URI|Cookie|[A-Z ]+)\\)");
  private static final Pattern TYPE = Pattern.compile("(?m)^\\s+Type: (.+)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "sqlmap";
  }

  @Override
  public boolean optIn() {
    return true;
  }

  @Override
  public Optional<ToolInfo> detect(ProcessRunner runner) {
    return ToolInfo.detect(runner, "sqlmap", "sqlmap", "--version");
  }

  @Override
  public ToolRun run(ToolRequest req) throws InterruptedException {
    List<FindingSink.Suspect> suspects = req.suspects().stream().limit(MAX_SUSPECTS).toList();
    if (suspects.isEmpty()) {
      return new ToolRun(name(), ToolStatus.SUCCESS, List.of(), null, List.of(),
          Map.of("note", "the engine marked no parameter suspicious; sqlmap had nothing to confirm"), 0);
    }
    Duration each = req.timeout().dividedBy(suspects.size());
    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> commands = new ArrayList<>();
    List<ProcessResult> results = new ArrayList<>();
    ToolStatus status = ToolStatus.SUCCESS;
    String error = null;
    for (FindingSink.Suspect s : suspects) {
      ProcessResult r = req.runner().run(spec(s, req, each));
      results.add(r);
      commands.add(ToolCommands.record(r));
      ToolStatus failed = ToolCommands.failure(r);
      if (failed == ToolStatus.CANCELLED || failed == ToolStatus.NOT_INSTALLED) {
        return new ToolRun(name(), failed, findings, "sqlmap " + failed.wire(), commands, Map.of(),
            ToolCommands.seconds(results));
      }
      if (failed == ToolStatus.TIMEOUT) {
        status = ToolStatus.TIMEOUT;
        error = "sqlmap timed out after " + each.toSeconds() + " s on " + s.parameter();
      }
      findings.addAll(parse(r.stdout(), s));
    }
    return new ToolRun(name(), status, findings, error, commands, Map.of("parameters_tested", suspects.size()),
        ToolCommands.seconds(results));
  }

  static ProcessSpec spec(FindingSink.Suspect s, ToolRequest req, Duration timeout) {
    List<String> cmd = new ArrayList<>(List.of("sqlmap", "--batch", "--disable-coloring", "--flush-session",
        "--level", "1", "--risk", "1", "--threads", "1", "--timeout", "10", "--retries", "0", "--time-sec", "2",
        "--technique", "BEUST", "--output-dir", req.scratch().resolve("sqlmap").toString(), "-p", s.parameter()));
    StringBuilder query = new StringBuilder();
    String data = null;
    if (s.where().equals("query")) {
      query.append(Mutation.encode(s.parameter())).append('=').append(Mutation.encode(s.sample().isEmpty() ? "1"
          : s.sample()));
      s.otherParams().forEach((k, v) -> query.append('&').append(Mutation.encode(k)).append('=')
          .append(Mutation.encode(v)));
    } else if (s.where().equals("form")) {
      StringBuilder b = new StringBuilder(Mutation.encode(s.parameter()) + "=" + Mutation.encode(s.sample()));
      s.otherParams().forEach((k, v) -> b.append('&').append(Mutation.encode(k)).append('=').append(Mutation.encode(v)));
      data = b.toString();
    } else {
      ObjectNode o = JSON.createObjectNode().put(s.parameter(), s.sample());
      s.otherParams().forEach(o::put);
      data = o.toString();
    }
    cmd.addAll(List.of("-u", s.url() + (query.length() == 0 ? "" : "?" + query)));
    if (data != null) {
      cmd.addAll(List.of("--method", s.method(), "--data", data));
    }
    if (req.proxyUrl() != null) {
      cmd.addAll(List.of("--proxy", req.proxyUrl()));
    }
    return ProcessSpec.of(cmd).withTimeout(timeout).withEnv("PYTHONUNBUFFERED", "1").onLine(line -> {
      String t = line.text();
      if (t.contains("[INFO]") && (t.contains("testing '") || t.contains("is vulnerable") || t.contains("appears"))) {
        req.progress().accept(t.length() > 200 ? t.substring(0, 200) : t);
      }
    });
  }

  /** Findings of sqlmap's stdout for {@code s}. */
  static List<Finding> parse(String stdout, FindingSink.Suspect s) {
    List<Finding> out = new ArrayList<>();
    Matcher p = PARAMETER.matcher(stdout);
    while (p.find()) {
      int end = stdout.indexOf("\n---", p.end());
      String block = stdout.substring(p.end(), end < 0 ? Math.min(stdout.length(), p.end() + 3000) : end);
      List<String> types = new ArrayList<>();
      Matcher t = TYPE.matcher(block);
      while (t.find()) {
        types.add(t.group(1).trim());
      }
      String param = p.group(1).replaceFirst("^#1\\*$", s.parameter()).replaceFirst("^JSON ", "").trim();
      boolean blind = types.stream().allMatch(x -> x.contains("blind"));
      out.add((blind ? Rules.SQLI_BLIND : Rules.SQLI).finding("sqlmap", Location.atUrl(s.url(), s.method(), param))
          .withConfidence(Confidence.HIGH).withMessage("sqlmap confirmed SQL injection in " + param + ": "
              + String.join(", ", types)).withEvidence(String.join("; ", types))
          .withExtra("tool_rule", "sqlmap " + String.join(", ", types)).build());
    }
    return out;
  }
}
