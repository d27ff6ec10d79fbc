package dev.analyzer.staticanalyzer.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.staticanalyzer.ServiceRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given an app with a link to a secret outside its root, directories below the depth cap and more
 * bytes than the total cap, when the real service scans it, then the reply's
 * {@code summary.files_skipped} counts each and no finding comes from what was skipped.
 */
class WalkCapsServiceTest {

  private static final String OUTSIDE_KEY = "AKIAIOSFODNN7EXAMPLE";

  @TempDir
  Path base;

  @Test
  void theSummaryCountsWhatTheWalkSkippedAndWhy() throws Exception {
    Path app = Files.createDirectories(base.resolve("app")).toRealPath();
    Path outside = Files.createDirectories(base.resolve("outside")).toRealPath();
    Files.writeString(outside.resolve("keys.py"), "AWS_ACCESS_KEY_ID = '" + OUTSIDE_KEY + "'\n");
    Files.createSymbolicLink(app.resolve("keys.py"), outside.resolve("keys.py"));
    Files.createSymbolicLink(app.resolve("shared"), outside);
    Files.writeString(Files.createDirectories(app.resolve("a/b/c")).resolve("deep.py"),
        "AWS_ACCESS_KEY_ID = 'AKIAI44QH8DHBEXAMPLE'\n");
    Files.writeString(app.resolve("a/b/ok.py"), "x = 1\n");
    for (String name : new String[] {"big1.txt", "big2.txt", "big3.txt"}) {
      Files.writeString(app.resolve(name), "word ".repeat(80_000));
    }

    AnalysisResult r = ServiceRun.analyze(Map.of("ANALYZER_MAX_DEPTH", "2", "ANALYZER_MAX_TOTAL_BYTES", "1048576"),
        List.of(base.toRealPath()), "{\"type\":\"static_analyze\",\"id\":\"caps\",\"source_path\":\"" + app
            + "\",\"tools\":[\"secrets\",\"python-security\"]}");

    assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
    @SuppressWarnings("unchecked")
    Map<String, Object> skipped = (Map<String, Object>) r.analysis().summary().get("files_skipped");
    assertThat(skipped).containsEntry("symlink_outside_root", 2).containsEntry("too_deep", 1)
        .containsEntry("over_total_bytes", 1).containsEntry("binary", 0).containsEntry("too_large", 0);
    assertThat(r.analysis().summary()).containsEntry("files_analyzed", 3);
    assertThat(r.analysis().findings()).noneSatisfy(f -> assertThat(f.location().file()).isIn("keys.py", "a/b/c/deep.py"));
  }
}
