package dev.analyzer.dynamic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfig;
import dev.analyzer.dynamic.scan.ScanListener;
import dev.analyzer.dynamic.scan.ScanReport;
import dev.analyzer.http.target.HostResolver;
import dev.analyzer.http.target.TargetPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine from a shell, without the service:
 * {@code java -cp analyzer-dynamic.jar dev.analyzer.dynamic.ScanCommand [--unsafe] [login options] URL...}
 * (see {@link ScanArguments}) prints
 * a JSON object {@code {findings, stats, skipped, duration_seconds}} on stdout and progress on
 * stderr. The service's environment settings apply (caps, {@code ANALYZER_ALLOWED_TARGETS}). Exit
 * code 0 after a scan, 2 for bad arguments or a refused target. Logs go to stderr only, at
 * {@code ANALYZER_LOG_LEVEL} (default INFO), unless {@code logback.configurationFile} names another
 * configuration, so {@code ScanCommand URL | jq} works.
 */
public final class ScanCommand {

  static final String LOGBACK_CONFIG = "dev/analyzer/dynamic/scan-command-logback.xml";

  private ScanCommand() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null
        && ScanCommand.class.getClassLoader().getResource(LOGBACK_CONFIG) != null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    Environment env = Environment.system();
    ScanArguments a;
    try {
      a = ScanArguments.parse(args, env);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(ScanArguments.USAGE);
      System.exit(2);
      return;
    }
    List<String> urls = a.urls();
    ScanConfig config = DynamicSettings.fromEnvironment(env).scanDefaults().toBuilder()
        .withAllowUnsafeMethods(a.unsafe()).withAuth(a.auth()).build();
    try (DynamicScan scan = DynamicScan.builder().withConfig(config)
        .withTargetPolicy(TargetPolicy.fromEnvironment(env, HostResolver.system())).build()) {
      ScanReport r;
      try {
        long start = System.nanoTime();
        r = scan.scan(scan.resolve(urls), config, new ScanListener() {
          @Override
          public void progress(String phase, String message, Integer done, Integer total) {
            System.err.printf("%7.2f s %s: %s%n", (System.nanoTime() - start) / 1e9, phase, message);
          }
        });
      } catch (RuntimeException e) {
        System.err.println("error: " + e.getMessage());
        System.exit(2);
        return;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      List<Map<String, Object>> findings = new ArrayList<>();
      for (Finding f : r.findings()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule_id", f.ruleId());
        m.put("tools", f.tools());
        m.put("severity", f.severity().wire());
        m.put("title", f.title());
        m.put("url", f.location() == null ? null : f.location().url());
        m.put("parameter", f.location() == null ? null : f.location().parameter());
        m.put("cwe", f.cwe());
        m.put("evidence", f.evidence());
        findings.add(m);
      }
      out.put("findings", findings);
      out.put("auth", r.auth());
      out.put("stats", r.stats());
      out.put("skipped", r.skipped());
      out.put("duration_seconds", r.duration().toMillis() / 1000.0);
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    }
  }
}
