package dev.analyzer.staticanalyzer.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.staticanalyzer.ServiceRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given an apps directory whose model {@code m1} has a template linked out of the source roots
 * ({@code a-link}, first in name order) and a real one ({@code zz}), a model {@code only} with just
 * the linked template, when the real service resolves {@code model_slug}/{@code app_number}
 * requests, then the linked template is skipped and the next one scanned, and every error names
 * the source relative to the apps directory: never the apps directory's absolute path, a root, or
 * the roots list.
 */
class ErrorPathsTest {

  @TempDir
  static Path base;
  private static Path root;
  private static Path apps;

  @BeforeAll
  static void layout() throws Exception {
    root = Files.createDirectories(base.resolve("root")).toRealPath();
    apps = Files.createDirectories(root.resolve("apps"));
    Path outside = Files.createDirectories(base.resolve("outside/tmpl/app1")).toRealPath();
    Files.writeString(outside.resolve("leak.py"), "AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'\n");
    Files.createDirectories(apps.resolve("m1/zz/app1"));
    Files.writeString(apps.resolve("m1/zz/app1/a.py"), "import os\nos.system(input())\n");
    Files.createSymbolicLink(apps.resolve("m1/a-link"), outside.getParent());
    Files.createDirectories(apps.resolve("only"));
    Files.createSymbolicLink(apps.resolve("only/a-link"), outside.getParent());
  }

  private static AnalysisResult request(String slug, int app) throws Exception {
    return ServiceRun.analyze(Map.of("ANALYZER_APPS_DIR", apps.toString()), List.of(root),
        "{\"type\":\"static_analyze\",\"id\":\"t\",\"model_slug\":\"" + slug + "\",\"app_number\":" + app
            + ",\"tools\":[\"python-security\",\"secrets\"]}");
  }

  @Test
  void aLinkedTemplateIsSkippedAndTheNextTemplateIsScanned() throws Exception {
    AnalysisResult r = request("m1", 1);

    assertThat(r.analysis().error()).isNull();
    assertThat(r.analysis().findings()).isNotEmpty()
        .allSatisfy(f -> assertThat(f.location().file()).isEqualTo("a.py"));
  }

  @Test
  void aModelWithOnlyALinkedTemplateIsNotFoundNamingNoAbsolutePath() throws Exception {
    String error = request("only", 1).analysis().error();

    assertThat(error).contains("only/app1", "\"a-link\"", "outside the allowed source roots");
    assertNoAbsolutePath(error);
  }

  @Test
  void aMissingAppIsNamedRelativeToTheAppsDir() throws Exception {
    AnalysisResult r = request("nosuch", 7);

    assertThat(r.analysis().error()).isEqualTo("source path not found or not readable: nosuch/app7");
    assertNoAbsolutePath(ProtocolCodec.create().encode(r));
  }

  private static void assertNoAbsolutePath(String text) {
    assertThat(text).doesNotContain(base.toString()).doesNotContain(root.toString()).doesNotContain("[/");
  }
}
