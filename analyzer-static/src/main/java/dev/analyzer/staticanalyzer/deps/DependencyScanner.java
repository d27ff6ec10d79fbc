package dev.analyzer.staticanalyzer.deps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code dependencies} analyzer: reads requirements*.txt, package.json and package-lock.json and
 * reports every dependency version an OSV advisory covers. Pinned versions ({@code ==1.2.3}, lock
 * files) are exact; ranges ({@code >=1.2}, {@code ^1.2.0}, {@code ~1.2.0}) are checked at their
 * lowest allowed version, and say so. Thread-safe.
 */
public final class DependencyScanner {

  public static final String TOOL = "dependencies";

  private static final Pattern REQUIREMENT = Pattern.compile(
      "(?m)^[ \\t]*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\\[[^\\]]*\\])?[ \\t]*(==|===|>=|~=)[ \\t]*([0-9][0-9A-Za-z.+!-]*)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OsvDatabase db;
  private final OsvClient online;

  /** A scanner of the shipped snapshot (plus {@code ANALYZER_OSV_DIR}) only. */
  public DependencyScanner(OsvDatabase db) {
    this(db, null);
  }

  /**
   * A scanner that asks {@code online} (null: offline) for each manifest's packages in one batch and
   * falls back to {@code db} when OSV does not answer; findings say which was used
   * ({@code advisory_source}).
   */
  public DependencyScanner(OsvDatabase db, OsvClient online) {
    this.db = db;
    this.online = online;
  }

  /** Where advisories come from now: {@code osv}, {@code snapshot} (offline) or {@code snapshot (OSV unreachable)}. */
  public String source() {
    if (online == null) {
      return "snapshot " + db.snapshotDate() + " (offline)";
    }
    return Boolean.FALSE.equals(online.lastReachable()) ? "snapshot " + db.snapshotDate() + " (OSV unreachable)"
        : "osv " + online.base();
  }

  /** True for the manifest files this analyzer reads. */
  public static boolean isManifest(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return (n.startsWith("requirements") && n.endsWith(".txt")) || n.equals("package.json")
        || n.equals("package-lock.json");
  }

  /** Vulnerable dependencies declared in one manifest. */
  public List<Finding> scan(String path, String name, String text) {
    if (online == null) {
      return scan(path, name, text, (e, p, v) -> db.affecting(e, p, v), "snapshot");
    }
    List<OsvClient.Query> queries = new ArrayList<>();
    scan(path, name, text, (e, p, v) -> {
      queries.add(new OsvClient.Query(e, p, v));
      return List.of();
    }, null);
    Optional<Map<String, List<Advisory>>> answer = queries.isEmpty() ? Optional.of(Map.of()) : online.lookup(queries);
    if (answer.isEmpty()) {
      return scan(path, name, text, (e, p, v) -> db.affecting(e, p, v), "snapshot");
    }
    Map<String, List<Advisory>> got = answer.get();
    return scan(path, name, text, (e, p, v) -> got.getOrDefault(new OsvClient.Query(e, p, v).key(), List.of()), "osv");
  }

  /** Looks advisories up for one package version. */
  @FunctionalInterface
  interface Lookup {
    List<Advisory> affecting(String ecosystem, String name, String version);
  }

  private List<Finding> scan(String path, String name, String text, Lookup lookup, String source) {
    String n = name.toLowerCase(Locale.ROOT);
    List<Finding> out = new ArrayList<>();
    if (n.endsWith(".txt")) {
      Matcher m = REQUIREMENT.matcher(text);
      while (m.find()) {
        boolean exact = m.group(2).startsWith("==");
        check(out, path, text, m.start(1), "PyPI", m.group(1), m.group(3), exact, lookup, source);
      }
      return out;
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (Exception e) {
      return out;
    }
    if (n.equals("package.json")) {
      for (String section : List.of("dependencies", "devDependencies", "optionalDependencies")) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path(section).fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String spec = e.getValue().asText("").strip();
          String version = spec.replaceFirst("^[\\^~=v]+", "").replaceFirst("^>=\\s*", "");
          if (Versions.isConcrete(version) && !spec.contains(" ") && !spec.contains("||")) {
            int at = text.indexOf("\"" + e.getKey() + "\"");
            check(out, path, text, Math.max(0, at), "npm", e.getKey(), version.split("[\\s,]")[0], spec.equals(version),
                lookup, source);
          }
        }
      }
    } else {
      Map<String, String> packages = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("packages").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        if (key.isEmpty()) {
          continue;
        }
        String pkg = key.substring(key.lastIndexOf("node_modules/") + "node_modules/".length());
        packages.putIfAbsent(pkg + "@" + e.getValue().path("version").asText(), pkg);
      }
      if (packages.isEmpty()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("dependencies").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          packages.putIfAbsent(e.getKey() + "@" + e.getValue().path("version").asText(), e.getKey());
        }
      }
      for (Map.Entry<String, String> p : packages.entrySet()) {
        String version = p.getKey().substring(p.getKey().lastIndexOf('@') + 1);
        if (Versions.isConcrete(version)) {
          int at = text.indexOf("\"node_modules/" + p.getValue() + "\"");
          check(out, path, text, Math.max(0, at), "npm", p.getValue(), version, true, lookup, source);
        }
      }
    }
    return out;
  }

  private void check(List<Finding> out, String path, String text, int offset, String ecosystem, String name,
      String version, boolean exact, Lookup lookup, String source) {
    for (Advisory a : lookup.affecting(ecosystem, name, version)) {
      String fixed = a.fixedAfter(version);
      String cve = a.aliases().stream().filter(x -> x.startsWith("CVE-")).findFirst().orElse(null);
      out.add(Finding.builder(TOOL, a.id())
          .withTitle(name + " " + version + " is affected by " + a.id() + (cve == null ? "" : " (" + cve + ")"))
          .withMessage(a.summary() + (exact ? "" : " (checked at the lowest version the range allows)"))
          .withSeverity(severity(a.severity())).withConfidence(exact ? Confidence.HIGH : Confidence.MEDIUM)
          .withCwe(a.cwe()).withLocation(Location.inFile(path, lineOf(text, offset), null))
          .withEvidence(name + (exact ? "==" : " ") + version)
          .withRemediation(fixed == null ? "No fixed version is known; replace the package or mitigate."
              : "Upgrade " + name + " to " + fixed + " or later.")
          .withExtra("package", name).withExtra("ecosystem", ecosystem).withExtra("installed_version", version)
          .withExtra("fixed_version", fixed).withExtra("aliases", a.aliases())
          .withExtra("advisory_source", source == null ? "osv" : source).build());
    }
  }

  private static Severity severity(String github) {
    switch (github.toUpperCase(Locale.ROOT)) {
      case "CRITICAL":
        return Severity.CRITICAL;
      case "HIGH":
        return Severity.HIGH;
      case "LOW":
        return Severity.LOW;
      default:
        return Severity.MEDIUM;
    }
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  public OsvDatabase database() {
    return db;
  }
}
