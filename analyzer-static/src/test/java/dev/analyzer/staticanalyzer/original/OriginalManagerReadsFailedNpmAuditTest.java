package dev.analyzer.staticanalyzer.original;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.testing.OriginalManagerModes.ModeReading;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.ServiceRun;
import dev.analyzer.staticanalyzer.StaticAnalyzerService;
import dev.analyzer.staticanalyzer.StaticSettings;
import dev.analyzer.staticanalyzer.sandbox.SandboxMode;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given the {@code npm-lock} app (a package-lock.json with lodash 4.17.15 and minimist 0.0.8, both
 * in the shipped OSV snapshot) and, in place of npm, a real script that answers {@code npm audit}
 * the way a registry refusing the audit endpoint makes npm answer (npm's error object with
 * {@code 405 Method Not Allowed}, exit 1), when the original manager sends its 16 names, then the
 * {@code javascript.npm-audit} record stays {@code error} with npm's message, is covered by the OSV
 * {@code dependencies} engine, and both modes of the original manager keep every finding of
 * {@code analysis.findings[]} exactly once, OSV's npm advisories among them in the fallback mode.
 */
class OriginalManagerReadsFailedNpmAuditTest {

  private static final String REFUSED = "{\"message\":\"405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/"
      + "v1/security/advisories/bulk\",\"statusCode\":405,\"body\":\"\",\"error\":{\"summary\":\"\",\"detail\":\"\"}}";

  @TempDir
  static Path dir;

  private static JsonNode frame;

  @BeforeAll
  static void analyze() throws Exception {
    Path out = Files.writeString(dir.resolve("stdout.json"), REFUSED);
    Path npm = dir.resolve("npm");
    Files.writeString(npm, "#!/bin/sh\n"
        + "if [ \"$1\" = \"--version\" ]; then echo 10.9.9; exit 0; fi\n"
        + "cat " + out + "\n"
        + "echo 'npm error audit endpoint returned an error' >&2\n"
        + "exit 1\n");
    Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwx------"));
    StaticAnalyzerService service = new StaticAnalyzerService(StaticSettings.fromEnvironment(Environment.of(Map.of())),
        ToolSandbox.select(SandboxMode.OFF), null, Map.of("npm-audit", npm.toString()), true);
    Path app = Fixtures.app("npm-lock");
    Map<String, Object> request = OriginalRequest.of(app, 2);
    request.put("id", "npm-refused-1");
    AnalysisResult reply = ServiceRun.analyze(service, List.of(app.getParent()),
        new ObjectMapper().writeValueAsString(request));
    frame = new ObjectMapper().readTree(ProtocolCodec.create().encode(reply));
  }

  @Test
  void theFailedNpmAuditStaysAnErrorWithNpmsMessageAndIsCoveredByDependencies() {
    JsonNode rec = frame.at("/analysis/results/javascript/npm-audit");

    assertThat(rec.path("status").asText()).isEqualTo("error");
    assertThat(rec.path("executed").asBoolean()).isTrue();
    assertThat(rec.path("error").asText()).contains("405 Method Not Allowed");
    assertThat(rec.path("covered_by").toString()).isEqualTo("[\"dependencies\"]");
    assertThat(rec.path("tool_findings").asInt()).as("npm itself reported nothing").isZero();
  }

  @Test
  void theFallbackReaderSeesOsvsNpmAdvisoriesAndEveryFindingOnce() {
    ModeReading r = OriginalManagerReader.fallback(frame);

    assertThat(r.error()).isNull();
    assertThat(frame.at("/analysis/findings").size()).isPositive();
    assertThat(r.findings()).hasSize(frame.at("/analysis/findings").size());
    assertThat(r.extracted()).hasSameSizeAs(r.findings());
    assertThat(r.findings()).extracting(f -> (String) f.get("id"))
        .anyMatch(id -> id.startsWith("npm_audit_lodash_")).anyMatch(id -> id.startsWith("npm_audit_minimist_"));
  }

  @Test
  void theSharedReaderKeepsEveryFindingOnce() {
    ModeReading r = OriginalManagerReader.shared(frame);

    assertThat(r.error()).isNull();
    assertThat(r.findings()).hasSize(frame.at("/analysis/findings").size());
    assertThat(r.extracted()).hasSameSizeAs(r.findings());
  }
}
