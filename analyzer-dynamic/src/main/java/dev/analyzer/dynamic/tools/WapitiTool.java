package dev.analyzer.dynamic.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.dynamic.report.Rule;
import dev.analyzer.dynamic.report.Rules;
import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * wapiti (Debian 3.0.4) as an adapter: {@code wapiti -u URL -m <modules> -f json -o <file>} through
 * the scan proxy ({@code -p}), so the scan's target policy, budget and rate hold for it; modules by
 * profile, never those that reach other hosts or download at run time (wapp, nikto, ssrf, xxe) nor
 * brute-force ones (brute_login_form); {@code --no-bugreport} so a crashing module sends nothing out;
 * its lines streamed as progress; killed on cancel (by the process runner). Findings map onto the
 * engine's rules where one matches (so they merge with the engine's), else keep a {@code wapiti.*}
 * rule. Thread-safe.
 */
public final class WapitiTool implements DynamicTool {

  /** Modules per profile. */
  public static final Map<String, String> MODULES = Map.of(
      "quick", "http_headers,cookieflags,csp",
      "standard", "xss,sql,blindsql,exec,file,redirect,crlf,http_headers,cookieflags,csp,methods,backup,permanentxss",
      "full", "xss,sql,blindsql,exec,file,redirect,crlf,http_headers,cookieflags,csp,methods,backup,permanentxss,"
          + "buster,htaccess,shellshock,csrf");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "wapiti";
  }

  @Override
  public Optional<ToolInfo> detect(ProcessRunner runner) {
    return ToolInfo.detect(runner, "wapiti", "wapiti", "--version");
  }

  @Override
  public ToolRun run(ToolRequest req) throws InterruptedException {
    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> commands = new ArrayList<>();
    List<ProcessResult> results = new ArrayList<>();
    Duration each = req.timeout().dividedBy(Math.max(1, req.targetUrls().size()));
    ToolStatus status = ToolStatus.SUCCESS;
    String error = null;
    for (String url : req.targetUrls()) {
      Path out = req.scratch().resolve("wapiti-" + results.size() + ".json");
      ProcessResult r = req.runner().run(spec(url, out, req, each));
      results.add(r);
      commands.add(ToolCommands.record(r));
      ToolStatus failed = ToolCommands.failure(r);
      if (Files.isRegularFile(out)) {
        try {
          findings.addAll(parse(Files.readString(out), url));
        } catch (IOException | RuntimeException e) {
          status = ToolStatus.ERROR;
          error = "wapiti's report could not be read: " + e.getMessage();
        }
      } else if (failed == null) {
        status = ToolStatus.ERROR;
        error = "wapiti exited with " + r.exitCode() + " and wrote no report: " + ToolCommands.tail(r.stderr());
      }
      if (failed != null) {
        status = failed;
        error = "wapiti " + failed.wire() + " after " + r.duration().toSeconds() + " s on " + url;
      }
    }
    return new ToolRun(name(), status, findings, error, commands, Map.of("modules", modules(req)),
        ToolCommands.seconds(results));
  }

  static String modules(ToolRequest req) {
    Object m = req.toolConfig().get("modules");
    String chosen = m instanceof String s ? s : MODULES.getOrDefault(req.profile(), MODULES.get("standard"));
    List<String> safe = new ArrayList<>();
    for (String one : chosen.split(",")) {
      String t = one.trim().toLowerCase(Locale.ROOT);
      if (t.matches("[a-z_]{1,40}") && !List.of("wapp", "nikto", "ssrf", "xxe", "brute_login_form").contains(t)) {
        safe.add(t);
      }
    }
    return String.join(",", safe);
  }

  /** The command for {@code url}, writing its report to {@code out}. */
  static ProcessSpec spec(String url, Path out, ToolRequest req, Duration timeout) {
    // wapiti stops crawling after --max-scan-time and each module after --max-attack-time, then writes
    // its report; the process timeout (which would lose the report) only catches a wapiti that hangs.
    String modules = modules(req);
    int n = Math.max(1, modules.split(",").length);
    long total = Math.max(10, timeout.toSeconds());
    long crawl = Math.max(3, total / 5);
    long attack = Math.max(2, (total * 3 / 4 - crawl) / n);
    List<String> cmd = new ArrayList<>(List.of("wapiti", "-u", url.endsWith("/") ? url : url + "/",
        "--scope", "folder", "-m", modules, "-f", "json", "-o", out.toString(), "--flush-session",
        "--store-session", req.scratch().resolve("session").toString(), "--store-config",
        req.scratch().resolve("config").toString(), "-d", "3", "--max-links-per-page", "50", "--max-files-per-dir",
        "50", "--max-scan-time", Long.toString(crawl), "--max-attack-time", Long.toString(attack),
        "-t", "10", "--verify-ssl", "0", "-v", "1", "--no-bugreport"));
    if (req.proxyUrl() != null) {
      cmd.addAll(List.of("-p", req.proxyUrl()));
    }
    return ProcessSpec.of(cmd).withTimeout(timeout).withEnv("PYTHONUNBUFFERED", "1").onLine(line -> {
      String t = line.text().strip();
      if (t.startsWith("[*]") || t.startsWith("[+]") || t.toLowerCase(Locale.ROOT).contains("launching module")) {
        req.progress().accept(t.length() > 200 ? t.substring(0, 200) : t);
      }
    });
  }

  /** Findings of a wapiti JSON report of the scan of {@code baseUrl}. */
  public static List<Finding> parse(String json, String baseUrl) throws IOException {
    JsonNode root = JSON.readTree(json);
    String origin = origin(baseUrl);
    List<Finding> out = new ArrayList<>();
    for (String section : List.of("vulnerabilities", "anomalies")) {
      Iterator<Map.Entry<String, JsonNode>> it = root.path(section).fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> cat = it.next();
        for (JsonNode v : cat.getValue()) {
          out.add(finding(cat.getKey(), v, origin, section.equals("anomalies")));
        }
      }
    }
    return out;
  }

  static Finding finding(String category, JsonNode v, String origin, boolean anomaly) {
    String info = v.path("info").asText("");
    String path = v.path("path").asText("/");
    String param = v.path("parameter").asText("");
    String method = v.path("method").asText("GET");
    Location loc = Location.atUrl(origin + (path.startsWith("/") ? path : "/" + path), method,
        param.isEmpty() ? null : param);
    Rule rule = map(category, info);
    Severity sev = switch (v.path("level").asText("2")) {
      case "4" -> Severity.CRITICAL;
      case "3" -> Severity.HIGH;
      case "1" -> Severity.LOW;
      case "0" -> Severity.INFO;
      default -> Severity.MEDIUM;
    };
    var b = rule != null ? rule.finding("wapiti", loc) : Finding.builder("wapiti", "wapiti." + slug(category))
        .withTitle(category).withSeverity(anomaly ? Severity.LOW : sev).withConfidence(Confidence.MEDIUM)
        .withLocation(loc);
    return b.withMessage(info.isEmpty() ? category : info).withEvidence(info.length() > 300 ? info.substring(0, 300)
        : info).withExtra("tool_rule", category).withExtra("request", v.path("http_request").asText("")).build();
  }

  /** The engine rule a wapiti category (and its info text) corresponds to, or null. */
  static Rule map(String category, String info) {
    String c = category.toLowerCase(Locale.ROOT);
    String i = info.toLowerCase(Locale.ROOT);
    if (c.contains("blind sql")) {
      return Rules.SQLI_BLIND;
    }
    if (c.contains("sql injection")) {
      return Rules.SQLI;
    }
    if (c.contains("cross site scripting") && !c.contains("stored")) {
      return Rules.XSS;
    }
    if (c.contains("crlf")) {
      return Rules.CRLF;
    }
    if (c.contains("command execution")) {
      return Rules.COMMAND_INJECTION;
    }
    if (c.contains("path traversal")) {
      return Rules.PATH_TRAVERSAL;
    }
    if (c.contains("open redirect")) {
      return Rules.OPEN_REDIRECT;
    }
    if (c.contains("backup file")) {
      return Rules.BACKUP_EXPOSED;
    }
    if (c.contains("httponly")) {
      return Rules.COOKIE_HTTPONLY;
    }
    if (c.contains("secure flag")) {
      return Rules.COOKIE_SECURE;
    }
    if (c.contains("content security policy")) {
      return i.contains("not set") || i.contains("missing") ? Rules.CSP_MISSING : Rules.CSP_WEAK;
    }
    if (c.contains("http secure headers")) {
      return i.contains("x-frame-options") ? Rules.CLICKJACKING : i.contains("x-content-type-options") ? Rules.NOSNIFF
          : i.contains("strict-transport-security") ? Rules.HSTS : null;
    }
    return null;
  }

  static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  static String origin(String url) {
    int s = url.indexOf("://");
    int slash = url.indexOf('/', s + 3);
    return slash < 0 ? url : url.substring(0, slash);
  }
}
