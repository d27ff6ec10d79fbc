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
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.process.ProcessRunner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OWASP ZAP through the API of a daemon the user runs ({@code ZAP_API_URL}, key in
 * {@code ZAP_API_KEY}, sent as {@code X-ZAP-API-Key} and never logged or returned): spider each
 * target, wait for the passive scanner, optionally ({@code config.zap.active: true}) an active scan,
 * then read the alerts and map them onto the engine's rules by ZAP plugin id. ZAP itself cannot be
 * installed here; the API URL must pass the target policy. Polls every {@code poll} interval until
 * the request's timeout. Thread-safe.
 */
public final class ZapTool implements DynamicTool {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String apiUrl;
  private final java.util.function.Supplier<String> key;
  private final TargetPolicy policy;
  private final Duration poll;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  /** A ZAP client whose key is the environment variable {@code keyVariable}, polling every 2 s. */
  public ZapTool(String apiUrl, String keyVariable, TargetPolicy policy) {
    this(apiUrl, () -> keyVariable == null ? null : System.getenv(keyVariable), policy, Duration.ofSeconds(2));
  }

  /** A ZAP client with the key {@code key} gives (null for none), polling every {@code poll}. */
  public ZapTool(String apiUrl, java.util.function.Supplier<String> key, TargetPolicy policy, Duration poll) {
    this.apiUrl = apiUrl == null ? null : apiUrl.replaceAll("/+$", "");
    this.key = key;
    this.policy = policy;
    this.poll = poll;
  }

  @Override
  public String name() {
    return "zap";
  }

  @Override
  public Optional<ToolInfo> detect(ProcessRunner runner) {
    if (apiUrl == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ToolInfo("zap", call("/JSON/core/view/version/", Duration.ofSeconds(5))
          .path("version").asText(null), null));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  @Override
  public ToolRun run(ToolRequest req) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + req.timeout().toNanos();
    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> commands = new ArrayList<>();
    boolean active = Boolean.TRUE.equals(req.toolConfig().get("active"));
    try {
      for (String url : req.targetUrls()) {
        String spider = call("/JSON/spider/action/scan/?url=" + enc(url) + "&recurse=true", req.timeout())
            .path("scan").asText();
        commands.add(Map.of("cmd", "spider " + url, "scan_id", spider));
        waitFor("/JSON/spider/view/status/?scanId=" + enc(spider), "status", "100", deadline, req);
        waitFor("/JSON/pscan/view/recordsToScan/", "recordsToScan", "0", deadline, req);
        if (active) {
          String ascan = call("/JSON/ascan/action/scan/?url=" + enc(url) + "&recurse=true", req.timeout())
              .path("scan").asText();
          commands.add(Map.of("cmd", "ascan " + url, "scan_id", ascan));
          waitFor("/JSON/ascan/view/status/?scanId=" + enc(ascan), "status", "100", deadline, req);
        }
        JsonNode alerts = call("/JSON/core/view/alerts/?baseurl=" + enc(url) + "&start=0&count=5000", req.timeout());
        findings.addAll(parse(alerts));
      }
    } catch (ZapTimeout e) {
      return new ToolRun(name(), ToolStatus.TIMEOUT, findings, e.getMessage(), commands, Map.of(), secs(start));
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return new ToolRun(name(), ToolStatus.ERROR, findings, "ZAP API call failed: " + e.getMessage(), commands,
          Map.of(), secs(start));
    }
    return new ToolRun(name(), ToolStatus.SUCCESS, findings, null, commands, Map.of("active_scan", active), secs(start));
  }

  private static final class ZapTimeout extends Exception {
    private static final long serialVersionUID = 1L;

    ZapTimeout(String m) {
      super(m);
    }
  }

  private void waitFor(String path, String field, String done, long deadline, ToolRequest req) throws Exception {
    while (true) {
      String v = call(path, Duration.ofSeconds(10)).path(field).asText();
      req.progress().accept(path.substring(6, path.indexOf('/', 6)) + " " + field + " " + v);
      if (v.equals(done)) {
        return;
      }
      if (System.nanoTime() + poll.toNanos() > deadline) {
        throw new ZapTimeout("ZAP did not finish (" + path + " " + field + "=" + v + ") before the tool timeout");
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private JsonNode call(String path, Duration timeout) throws Exception {
    policy.check(Target.parse(apiUrl));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(timeout).GET();
    String k = key.get();
    if (k != null && !k.isBlank()) {
      b.header("X-ZAP-API-Key", k.strip());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path.substring(0, path.indexOf('?') < 0 ? path.length() : path.indexOf('?'))
          + " answered HTTP " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  /** Findings of a {@code /JSON/core/view/alerts/} answer. */
  public static List<Finding> parse(JsonNode alerts) {
    Map<Integer, Rule> byZap = new LinkedHashMap<>();
    for (Rule r : Rules.all()) {
      if (r.zapId() != null && r.zapId() > 0) {
        byZap.putIfAbsent(r.zapId(), r);
      }
    }
    List<Finding> out = new ArrayList<>();
    for (JsonNode a : alerts.path("alerts")) {
      int plugin = a.path("pluginId").asInt(-1);
      String url = a.path("url").asText("");
      if (url.isEmpty()) {
        continue;
      }
      String param = a.path("param").asText("");
      Location loc = Location.atUrl(url, a.path("method").asText(null), param.isEmpty() ? null : param);
      Rule rule = byZap.get(plugin);
      String name = a.path("alert").asText(a.path("name").asText("ZAP alert " + plugin));
      var b = rule != null ? rule.finding("zap", loc) : Finding.builder("zap", "zap." + plugin).withTitle(name)
          .withLocation(loc).withSeverity(Severity.fromToolLevel(a.path("risk").asText("medium")))
          .withConfidence(Confidence.fromWire(a.path("confidence").asText("")).orElse(Confidence.MEDIUM))
          .withExtra("zap_alert_id", plugin);
      int cwe = a.path("cweid").asInt(0);
      if (rule == null && cwe > 0) {
        b.withCwe("CWE-" + cwe);
      }
      out.add(b.withMessage(a.path("description").asText(name)).withEvidence(a.path("evidence").asText(null))
          .withExtra("tool_rule", name).withRemediation(rule == null ? a.path("solution").asText(null)
              : rule.remediation()).build());
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
