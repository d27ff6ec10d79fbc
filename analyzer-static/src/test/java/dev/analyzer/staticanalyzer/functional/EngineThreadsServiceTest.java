package dev.analyzer.staticanalyzer.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.ServiceRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Given the {@code taint} app (Python and JavaScript files, templates, a vendored file, a test file,
 * suppressions), when the real service's engines scan it on one thread and on three
 * ({@code ANALYZER_ENGINE_THREADS}), then the reply's findings are the same findings in the same
 * order and the engine records count the same files.
 */
class EngineThreadsServiceTest {

  private static AnalysisResult analyze(String threads) throws Exception {
    Path app = Fixtures.app("taint");
    return ServiceRun.analyze(Map.of("ANALYZER_ENGINE_THREADS", threads), List.of(app.getParent()),
        "{\"type\":\"static_analyze\",\"id\":\"t-" + threads + "\",\"source_path\":\"" + app + "\","
            + "\"tools\":[\"python-security\",\"js-security\"]}");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> counts(AnalysisResult r, String group, String tool) {
    Map<String, Object> rec = new LinkedHashMap<>((Map<String, Object>) ((Map<String, Object>) r.analysis().results()
        .get(group)).get(tool));
    rec.remove("duration_seconds");
    return rec;
  }

  @Test
  void oneThreadAndThreeGiveTheSameFindingsInTheSameOrder() throws Exception {
    AnalysisResult one = analyze("1");
    AnalysisResult three = analyze("3");

    assertThat(one.analysis().findings()).hasSizeGreaterThan(20);
    assertThat(three.analysis().findings()).extracting(Finding::fingerprint)
        .containsExactlyElementsOf(one.analysis().findings().stream().map(Finding::fingerprint).toList());
    assertThat(three.analysis().findings()).containsExactlyElementsOf(one.analysis().findings());
    assertThat(counts(three, "python", "python-security")).isEqualTo(counts(one, "python", "python-security"))
        .containsEntry("files_parsed", 3);
    assertThat(counts(three, "javascript", "js-security")).isEqualTo(counts(one, "javascript", "js-security"));
  }
}
