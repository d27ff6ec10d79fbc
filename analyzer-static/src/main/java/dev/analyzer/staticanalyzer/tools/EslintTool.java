package dev.analyzer.staticanalyzer.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import dev.analyzer.staticanalyzer.source.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ESLint 9 with the security, react and no-unsanitized plugins, from the directory
 * {@code scripts/install-tools.sh} fills ({@code tools/eslint}, or {@code ANALYZER_ESLINT_DIR}), run
 * with its bundled flat config in its workspace's copy of the JavaScript files:
 * {@code eslint -c <tools/eslint/analyzer.eslint.config.mjs> -f json --no-warn-ignored .} with
 * {@code ESLINT_USE_FLAT_CONFIG=true} and {@code ESLINT_FLAGS} empty. {@code -c} stops the lookup of
 * any {@code eslint.config.*} (which is JavaScript, and would run), flat mode ignores
 * {@code .eslintrc*}, the plugins are imported by our config from {@code tools/eslint/node_modules},
 * and the workspace holds no {@code node_modules} of the app. Exit 0 (clean) and 1 (problems) are
 * success; 2 is an ESLint failure. Thread-safe.
 */
public final class EslintTool extends ExternalTool {

  public static final String DIR_VARIABLE = "ANALYZER_ESLINT_DIR";
  static final String CONFIG = "analyzer.eslint.config.mjs";

  static final Map<String, String> CWE = Map.ofEntries(Map.entry("no-eval", "CWE-95"),
      Map.entry("no-implied-eval", "CWE-95"), Map.entry("no-new-func", "CWE-95"),
      Map.entry("security/detect-eval-with-expression", "CWE-95"), Map.entry("no-unsanitized/method", "CWE-79"),
      Map.entry("no-unsanitized/property", "CWE-79"), Map.entry("react/no-danger", "CWE-79"),
      Map.entry("react/jsx-no-script-url", "CWE-79"), Map.entry("no-script-url", "CWE-79"),
      Map.entry("react/jsx-no-target-blank", "CWE-1022"), Map.entry("security/detect-non-literal-regexp", "CWE-1333"),
      Map.entry("security/detect-unsafe-regex", "CWE-1333"), Map.entry("security/detect-child-process", "CWE-78"),
      Map.entry("security/detect-non-literal-fs-filename", "CWE-22"),
      Map.entry("security/detect-pseudoRandomBytes", "CWE-338"),
      Map.entry("security/detect-possible-timing-attacks", "CWE-208"));

  private final Path home;

  public EslintTool(Path home, String version, Duration timeout, ToolSandbox sandbox) {
    this(home, version, timeout, sandbox, null);
  }

  /** With {@code executable} started in place of {@code home}'s ESLint (null: that one). */
  public EslintTool(Path home, String version, Duration timeout, ToolSandbox sandbox, String executable) {
    super("eslint", "javascript", Language.JAVASCRIPT, version, timeout, sandbox, executable);
    this.home = home;
  }

  /** The ESLint install (its node_modules and our config), read-only in the sandbox. */
  @Override
  List<Path> readOnlyDirectories() {
    return home == null ? List.of() : List.of(home);
  }

  /** The ESLint directory: {@code $ANALYZER_ESLINT_DIR}, else {@code tools/eslint} here or one level up. */
  public static Optional<Path> locate(String configured) {
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    } else {
      candidates.add(Path.of("tools", "eslint"));
      candidates.add(Path.of("..", "tools", "eslint"));
    }
    for (Path c : candidates) {
      Path dir = c.toAbsolutePath().normalize();
      if (Files.isExecutable(dir.resolve("node_modules/.bin/eslint")) && Files.isRegularFile(dir.resolve(CONFIG))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  public static Path executable(Path home) {
    return home.resolve("node_modules/.bin/eslint");
  }

  @Override
  public boolean available() {
    return home != null && super.available();
  }

  @Override
  ToolRun run(ToolWorkspace ws, AnalysisContext ctx) {
    ProcessResult r = ctx.processes().run(spec(ws, command(home))
        .withEnv("ESLINT_USE_FLAT_CONFIG", "true").withEnv("ESLINT_FLAGS", ""));
    Map<String, Object> extra = record(ws, r);
    if (!r.exitedWithOneOf(0, 1)) {
      return failure(ws, r, extra);
    }
    if (ExternalTools.reportMissing(r)) {
      return ExternalTools.crash("eslint", ws.hidePaths(r.stderr()), r.exitCode(), extra);
    }
    try {
      return ToolRun.success(parse(r.stdout(), ws.sources()), extra);
    } catch (Exception e) {
      return ToolRun.failed(ToolStatus.ERROR, "eslint output could not be read: " + e.getMessage(), extra);
    }
  }

  /** The command line for the ESLint installed in {@code home}. */
  static List<String> command(Path home) {
    return List.of(executable(home).toString(), "-c", home.resolve(CONFIG).toString(), "-f", "json",
        "--no-warn-ignored", ".");
  }

  static List<Finding> parse(String json, Path root) throws Exception {
    List<Finding> out = new ArrayList<>();
    for (JsonNode file : new ObjectMapper().readTree(json)) {
      Path p = Path.of(file.path("filePath").asText());
      String rel = (p.isAbsolute() && p.startsWith(root) ? root.relativize(p) : p).toString().replace('\\', '/');
      for (JsonNode m : file.path("messages")) {
        String rule = m.path("ruleId").isTextual() ? m.path("ruleId").asText() : "eslint.parse-error";
        boolean security = CWE.containsKey(rule);
        Severity sev = m.path("severity").asInt() == 2 ? (security ? Severity.HIGH : Severity.MEDIUM)
            : (security ? Severity.MEDIUM : Severity.LOW);
        out.add(Finding.builder("eslint", rule).withTitle(m.path("message").asText(rule))
            .withSeverity(sev).withConfidence(Confidence.MEDIUM).withCwe(CWE.get(rule))
            .withLocation(new Location(rel, Math.max(1, m.path("line").asInt(1)), Math.max(1, m.path("column").asInt(1)),
                m.path("endLine").isInt() ? Math.max(1, m.path("endLine").asInt()) : null,
                m.path("endColumn").isInt() ? Math.max(1, m.path("endColumn").asInt()) : null, null, null, null))
            .withRemediation("See https://eslint.org/docs/latest/rules/ or the plugin's documentation for " + rule)
            .build());
      }
    }
    return out;
  }
}
