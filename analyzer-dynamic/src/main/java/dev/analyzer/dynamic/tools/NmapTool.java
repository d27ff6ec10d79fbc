package dev.analyzer.dynamic.tools;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.dynamic.ports.PortScanner;
import dev.analyzer.dynamic.report.Rules;
import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * nmap (Debian 7.93) as an adapter: {@code nmap -sT -sV -Pn -n --open -p <ports>
 * --script http-enum,http-git,http-cors,http-methods -oX -} against each target's pinned IP address
 * (never a name, so nmap resolves nothing), ports = the targets' ports plus the open ports the
 * engine's port scan found; rate-capped with {@code --max-rate} and bounded by {@code --host-timeout}.
 * nmap's own requests do not pass the scan proxy, so the service reserves their share of the scan's
 * request budget up front ({@link #allowance}): {@code --max-rate} (packets per second, at most the
 * scan's rate and 200) times {@code --host-timeout} never exceeds what was reserved, so the budget
 * holds whatever nmap sends. XML parsed with external entities off. Thread-safe.
 */
public final class NmapTool implements DynamicTool {

  static final String SCRIPTS = "http-enum,http-git,http-cors,http-methods";
  /** nmap's packets per second, at most. */
  static final int MAX_RATE = 200;
  /** Below this many seconds of nmap at its rate, nmap is skipped (too little budget left). */
  public static final int MIN_SECONDS = 10;

  /**
   * nmap's share of a scan's budget: its packet rate and the seconds it may run at that rate.
   *
   * @param rate packets per second for {@code --max-rate}
   * @param seconds for {@code --host-timeout}
   */
  public record Allowance(int rate, long seconds) {

    /** {@code toolConfig} with this allowance in it (it wins over the request's own keys of the same name). */
    public Map<String, Object> into(Map<String, Object> toolConfig) {
      Map<String, Object> m = new LinkedHashMap<>(toolConfig == null ? Map.of() : toolConfig);
      m.put("max_rate", rate);
      m.put("max_seconds", seconds);
      return m;
    }
  }

  /**
   * Reserves nmap's share of {@code budget}: at most the scan's rate ({@code scanRate}, 0 = unpaced)
   * and {@value #MAX_RATE} packets per second, for at most {@code timeout}, and at most half of the
   * requests left (the tools after it keep the rest); null (nothing reserved) when that allows fewer
   * than {@value #MIN_SECONDS} seconds of it.
   */
  public static Allowance allowance(dev.analyzer.http.client.RequestBudget budget, int scanRate, Duration timeout) {
    int rate = scanRate <= 0 ? MAX_RATE : Math.min(MAX_RATE, scanRate);
    long wantedSeconds = Math.max(MIN_SECONDS, timeout.toSeconds() - 5);
    long seconds = Math.min(wantedSeconds, budget.remainingRequests() / 2 / rate);
    if (seconds < MIN_SECONDS) {
      return null;
    }
    budget.reserve(rate * seconds);
    return new Allowance(rate, seconds);
  }

  @Override
  public String name() {
    return "nmap";
  }

  @Override
  public Optional<ToolInfo> detect(ProcessRunner runner) {
    return ToolInfo.detect(runner, "nmap", "nmap", "--version");
  }

  @Override
  public ToolRun run(ToolRequest req) throws InterruptedException {
    Map<String, Set<Integer>> portsByIp = new LinkedHashMap<>();
    for (String url : req.targetUrls()) {
      URI u = URI.create(url);
      int port = u.getPort() != -1 ? u.getPort() : url.startsWith("https") ? 443 : 80;
      portsByIp.computeIfAbsent(req.hosts().get(url), k -> new LinkedHashSet<>()).add(port);
    }
    if (req.report() != null) {
      for (PortScanner.Result r : req.report().ports()) {
        portsByIp.forEach((ip, ports) -> {
          if (ip.equals(r.host()) || req.hosts().values().contains(ip)) {
            r.open().stream().filter(p -> !PortScanner.DATA_STORES.contains(p)).limit(20).forEach(ports::add);
          }
        });
      }
    }
    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> commands = new ArrayList<>();
    List<ProcessResult> results = new ArrayList<>();
    Map<String, Object> services = new LinkedHashMap<>();
    ToolStatus status = ToolStatus.SUCCESS;
    String error = null;
    for (Map.Entry<String, Set<Integer>> e : portsByIp.entrySet()) {
      ProcessResult r = req.runner().run(spec(e.getKey(), e.getValue(), req.timeout(), req.toolConfig()));
      results.add(r);
      commands.add(ToolCommands.record(r));
      ToolStatus failed = ToolCommands.failure(r);
      if (failed != null || !r.exitedWithOneOf(0)) {
        status = failed != null ? failed : ToolStatus.ERROR;
        error = "nmap " + (failed != null ? failed.wire() : "exited with " + r.exitCode()) + ": "
            + ToolCommands.tail(r.stderr());
        continue;
      }
      try {
        findings.addAll(onTargets(parse(r.stdout(), services), req));
      } catch (Exception ex) {
        status = ToolStatus.ERROR;
        error = "nmap's XML could not be read: " + ex.getMessage();
      }
    }
    return new ToolRun(name(), status, findings, error, commands, Map.of("service_info", services),
        ToolCommands.seconds(results));
  }

  /** {@code findings} with {@code http://<ip>:<port>} replaced by the target's own origin (so they merge with the engine's). */
  static List<Finding> onTargets(List<Finding> findings, ToolRequest req) {
    Map<String, String> origins = new LinkedHashMap<>();
    for (String url : req.targetUrls()) {
      dev.analyzer.http.target.Target t = dev.analyzer.http.target.Target.parse(url);
      String ip = req.hosts().get(url);
      if (ip != null) {
        origins.put(t.scheme() + "://" + host(ip) + ":" + t.port(), t.origin());
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      String u = f.location().url();
      String to = null;
      for (Map.Entry<String, String> e : origins.entrySet()) {
        if (u.startsWith(e.getKey() + "/") || u.equals(e.getKey())) {
          to = e.getValue() + u.substring(e.getKey().length());
        }
      }
      out.add(to == null ? f : new Finding(null, f.tool(), f.tools(), f.ruleId(), f.severity(), f.confidence(),
          f.title(), f.message(), f.cwe(), Location.atUrl(to, f.location().method(), f.location().parameter()),
          f.evidence(), f.remediation(), f.extra()));
    }
    return out;
  }

  static ProcessSpec spec(String ip, Set<Integer> ports, Duration timeout) {
    return spec(ip, ports, timeout, Map.of());
  }

  /** The command for one host; {@code max_rate}/{@code max_seconds} of {@code toolConfig} (an {@link Allowance}) lower the defaults. */
  static ProcessSpec spec(String ip, Set<Integer> ports, Duration timeout, Map<String, Object> toolConfig) {
    List<String> ps = ports.stream().map(String::valueOf).toList();
    long host = Math.max(MIN_SECONDS, timeout.toSeconds() - 5);
    long rate = MAX_RATE;
    if (toolConfig != null && toolConfig.get("max_seconds") instanceof Number s) {
      host = Math.min(host, Math.max(1, s.longValue()));
    }
    if (toolConfig != null && toolConfig.get("max_rate") instanceof Number r) {
      rate = Math.max(1, Math.min(MAX_RATE, r.longValue()));
    }
    return ProcessSpec.of("nmap", "-sT", "-sV", "--version-light", "-Pn", "-n", "--open", "-p", String.join(",", ps),
        "--script", SCRIPTS, "--max-rate", Long.toString(rate), "--host-timeout", host + "s", "-oX", "-", ip)
        .withTimeout(timeout);
  }

  /** Findings of nmap's XML output; {@code services} gets {@code ip:port -> service/version}. */
  public static List<Finding> parse(String xml, Map<String, Object> services) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setExpandEntityReferences(false);
    Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    List<Finding> out = new ArrayList<>();
    NodeList hosts = doc.getElementsByTagName("host");
    for (int h = 0; h < hosts.getLength(); h++) {
      Element host = (Element) hosts.item(h);
      Element addr = (Element) host.getElementsByTagName("address").item(0);
      String ip = addr == null ? "" : addr.getAttribute("addr");
      NodeList ports = host.getElementsByTagName("port");
      for (int p = 0; p < ports.getLength(); p++) {
        Element port = (Element) ports.item(p);
        Element state = (Element) port.getElementsByTagName("state").item(0);
        if (state == null || !"open".equals(state.getAttribute("state"))) {
          continue;
        }
        String portId = port.getAttribute("portid");
        Element svc = (Element) port.getElementsByTagName("service").item(0);
        String product = svc == null ? "" : (svc.getAttribute("product") + " " + svc.getAttribute("version")).trim();
        services.put(ip + ":" + portId, svc == null ? "unknown" : (svc.getAttribute("name") + " " + product).trim());
        String base = (svc != null && svc.getAttribute("tunnel").equals("ssl") ? "https://" : "http://") + host(ip)
            + ":" + portId;
        NodeList scripts = port.getElementsByTagName("script");
        for (int s = 0; s < scripts.getLength(); s++) {
          Element sc = (Element) scripts.item(s);
          out.addAll(script(sc.getAttribute("id"), sc.getAttribute("output"), base));
        }
      }
    }
    return out;
  }

  static List<Finding> script(String id, String output, String base) {
    List<Finding> out = new ArrayList<>();
    String o = output == null ? "" : output.strip();
    switch (id) {
      case "http-git" -> {
        if (o.contains("Git repository found")) {
          out.add(Rules.GIT_EXPOSED.finding("nmap", Location.atUrl(base + "/.git/HEAD", "GET", null))
              .withEvidence(first(o)).withExtra("tool_rule", id).build());
        }
      }
      case "http-methods" -> {
        int i = o.indexOf("Potentially risky methods:");
        if (i >= 0) {
          String methods = o.substring(i + 26).split("\n")[0].trim();
          var rule = methods.contains("TRACE") ? Rules.TRACE : Rules.DANGEROUS_METHODS;
          out.add(rule.finding("nmap", Location.atUrl(base + "/", "OPTIONS", null))
              .withEvidence("Potentially risky methods: " + methods).withExtra("tool_rule", id).build());
        }
      }
      case "http-cors" -> {
        if (!o.isEmpty()) {
          out.add(Finding.builder("nmap", "nmap.http-cors").withTitle("CORS methods allowed")
              .withSeverity(Severity.INFO).withConfidence(Confidence.LOW)
              .withLocation(Location.atUrl(base + "/", "OPTIONS", null)).withEvidence(first(o)).build());
        }
      }
      case "http-enum" -> {
        for (String line : o.split("\n")) {
          String l = line.strip();
          int colon = l.indexOf(": ");
          if (l.startsWith("/") && colon > 0 && out.size() < 50) {
            out.add(Finding.builder("nmap", "nmap.http-enum").withTitle("Interesting path: " + l.substring(colon + 2))
                .withSeverity(Severity.INFO).withConfidence(Confidence.LOW)
                .withLocation(Location.atUrl(base + l.substring(0, colon), "GET", null)).withEvidence(l).build());
          }
        }
      }
      default -> { }
    }
    return out;
  }

  private static String host(String ip) {
    return ip.contains(":") ? "[" + ip + "]" : ip;
  }

  private static String first(String s) {
    String f = s.split("\n")[0];
    return f.length() > 200 ? f.substring(0, 200) : f;
  }
}
