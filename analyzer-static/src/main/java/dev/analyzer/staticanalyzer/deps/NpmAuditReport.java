package dev.analyzer.staticanalyzer.deps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads npm 7+ {@code npm audit --json} output. Its {@code vulnerabilities} object has one entry per
 * affected package ({@code name}, {@code severity}, {@code isDirect}, {@code via}, {@code range},
 * {@code nodes}, {@code fixAvailable}); each {@code via} object is an advisory ({@code source},
 * {@code title}, {@code url}, {@code severity}, {@code cwe}, {@code range}) and becomes one finding;
 * a package affected only through others ({@code via} of package names) becomes one finding naming
 * them. When npm could not audit (registry unreachable, an endpoint error) it prints an object with
 * {@code error} or {@code message} and no {@code vulnerabilities}: that is {@link Outcome#failure()}.
 * Stateless.
 */
public final class NpmAuditReport {

  public static final String TOOL = "npm-audit";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What one run's output says.
   *
   * @param findings the advisories, empty on failure
   * @param failure why npm could not audit (its own words), or null when it did
   * @param packages affected packages npm counted
   */
  public record Outcome(List<Finding> findings, String failure, int packages) {

    public Outcome {
      findings = List.copyOf(findings);
    }
  }

  private NpmAuditReport() {}

  /**
   * The outcome of {@code stdout} for the lock file {@code lockPath} (relative to the app root) with
   * content {@code lockText} (findings point at the package's line in it).
   *
   * @throws IllegalArgumentException when {@code stdout} is not an npm 7+ audit report or error object
   */
  public static Outcome parse(String stdout, String lockPath, String lockText) {
    JsonNode root;
    try {
      root = JSON.readTree(stdout);
    } catch (Exception e) {
      throw new IllegalArgumentException("npm audit output is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("npm audit output is not a JSON object");
    }
    JsonNode vulnerabilities = root.get("vulnerabilities");
    if (vulnerabilities == null || !vulnerabilities.isObject()) {
      if (root.has("error") || root.has("message")) {
        return new Outcome(List.of(), failure(root), 0);
      }
      if (root.has("advisories")) {
        throw new IllegalArgumentException("npm audit output is npm 6's (advisories); npm 7 or later is needed");
      }
      throw new IllegalArgumentException("npm audit output has no vulnerabilities object");
    }
    List<Finding> out = new ArrayList<>();
    int packages = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = vulnerabilities.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      packages++;
      JsonNode v = e.getValue();
      String name = v.path("name").asText(e.getKey());
      int line = lineOf(lockText, name);
      List<String> through = new ArrayList<>();
      for (JsonNode via : v.path("via")) {
        if (via.isObject()) {
          out.add(advisory(lockPath, line, v, name, via));
        } else if (via.isTextual()) {
          through.add(via.asText());
        }
      }
      if (!through.isEmpty() && !hasAdvisory(v)) {
        out.add(transitive(lockPath, line, v, name, through));
      }
    }
    return new Outcome(out, null, packages);
  }

  private static boolean hasAdvisory(JsonNode v) {
    for (JsonNode via : v.path("via")) {
      if (via.isObject()) {
        return true;
      }
    }
    return false;
  }

  private static Finding advisory(String lockPath, int line, JsonNode v, String name, JsonNode via) {
    String url = via.path("url").asText("");
    String id = advisoryId(url, via);
    String range = via.path("range").asText("");
    String cwe = null;
    for (JsonNode c : via.path("cwe")) {
      if (c.asText("").startsWith("CWE-")) {
        cwe = c.asText();
        break;
      }
    }
    Object fix = fix(v.path("fixAvailable"));
    return Finding.builder(TOOL, id)
        .withTitle(name + " " + range + " is affected by " + id + ": " + via.path("title").asText(""))
        .withMessage(via.path("title").asText(id) + " (npm audit: " + name + " " + range + ")")
        .withSeverity(severity(via.path("severity").asText(v.path("severity").asText(""))))
        .withConfidence(Confidence.HIGH).withCwe(cwe).withLocation(Location.inFile(lockPath, line, null))
        .withEvidence(name + " " + range)
        .withRemediation(remediation(name, fix, url))
        .withExtra("package", name).withExtra("ecosystem", "npm").withExtra("advisory_url", url)
        .withExtra("vulnerable_range", range).withExtra("is_direct", v.path("isDirect").asBoolean(false))
        .withExtra("fix_available", fix).withExtra("fixed_version", fixedVersion(v.path("fixAvailable")))
        .withExtra("advisory_source", "npm audit").build();
  }

  /** The version {@code fixAvailable} names, or null. */
  private static String fixedVersion(JsonNode fix) {
    return fix.isObject() && fix.hasNonNull("version") ? fix.path("version").asText() : null;
  }

  private static Finding transitive(String lockPath, int line, JsonNode v, String name, List<String> through) {
    Object fix = fix(v.path("fixAvailable"));
    String range = v.path("range").asText("");
    return Finding.builder(TOOL, "npm-audit-via")
        .withTitle(name + " " + range + " is vulnerable through " + String.join(", ", through))
        .withMessage(name + " depends on vulnerable " + String.join(", ", through) + " (npm audit)")
        .withSeverity(severity(v.path("severity").asText(""))).withConfidence(Confidence.MEDIUM)
        .withLocation(Location.inFile(lockPath, line, null)).withEvidence(name + " " + range)
        .withRemediation(remediation(name, fix, null))
        .withExtra("package", name).withExtra("ecosystem", "npm").withExtra("via", through)
        .withExtra("vulnerable_range", range).withExtra("is_direct", v.path("isDirect").asBoolean(false))
        .withExtra("fix_available", fix).withExtra("advisory_source", "npm audit").build();
  }

  /** The GHSA id at the end of the advisory URL, else {@code npm-<source>}. */
  private static String advisoryId(String url, JsonNode via) {
    int slash = url.lastIndexOf('/');
    String last = slash >= 0 ? url.substring(slash + 1) : "";
    if (last.startsWith("GHSA-")) {
      return last;
    }
    return "npm-" + via.path("source").asText("advisory");
  }

  /** {@code fixAvailable}: false, true, or the fix's {@code name@version} (with " (semver major)"). */
  private static Object fix(JsonNode fix) {
    if (fix.isObject()) {
      return fix.path("name").asText("") + "@" + fix.path("version").asText("")
          + (fix.path("isSemVerMajor").asBoolean(false) ? " (semver major)" : "");
    }
    return fix.asBoolean(false);
  }

  private static String remediation(String name, Object fix, String url) {
    String more = url == null || url.isEmpty() ? "" : " See " + url + ".";
    if (fix instanceof String s) {
      return "Upgrade to " + s + " (npm audit fix" + (s.endsWith("(semver major)") ? " --force" : "") + ")." + more;
    }
    return Boolean.TRUE.equals(fix) ? "Run npm audit fix." + more
        : "No fix is available for " + name + "; replace the package or mitigate." + more;
  }

  private static String failure(JsonNode root) {
    JsonNode error = root.path("error");
    StringBuilder b = new StringBuilder();
    String code = error.path("code").asText("");
    String message = root.path("message").asText("");
    String summary = error.isTextual() ? error.asText() : error.path("summary").asText("");
    b.append(message.isEmpty() ? summary : message);
    if (!summary.isEmpty() && !summary.equals(b.toString())) {
      b.append(" (").append(summary).append(')');
    }
    if (!code.isEmpty()) {
      b.append(" [").append(code).append(']');
    }
    if (root.has("statusCode")) {
      b.append(" [HTTP ").append(root.path("statusCode").asInt()).append(']');
    }
    return b.length() == 0 ? "npm audit reported an error without a message" : b.toString();
  }

  /** npm's severities: critical, high, moderate, low, info. */
  private static Severity severity(String npm) {
    switch (npm.toLowerCase(Locale.ROOT)) {
      case "critical":
        return Severity.CRITICAL;
      case "high":
        return Severity.HIGH;
      case "low":
        return Severity.LOW;
      case "info":
        return Severity.INFO;
      default:
        return Severity.MEDIUM;
    }
  }

  /** The line of the package's entry in the lock file ({@code "node_modules/<name>"}), else 1. */
  private static int lineOf(String text, String name) {
    int at = text.indexOf("\"node_modules/" + name + "\"");
    if (at < 0) {
      at = text.indexOf("\"" + name + "\"");
    }
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
