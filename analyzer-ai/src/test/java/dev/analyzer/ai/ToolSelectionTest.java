package dev.analyzer.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolSelectionTest {

  static ToolSelection of(List<String> tools, Map<String, Object> config) {
    return ToolSelection.of(AnalysisRequest.builder(AnalysisKind.AI).withTools(tools).withConfig(config).build());
  }

  @Test
  void noSelectionRunsBothUnlessOneIsDisabled() {
    assertThat(of(null, Map.of())).extracting(ToolSelection::requirements, ToolSelection::quality)
        .containsExactly(true, true);
    assertThat(of(null, Map.of("code-quality-analyzer", Map.of("enabled", false))).quality()).isFalse();
  }

  @Test
  void theOriginalsAliasesSelectTheScannerAndUnknownNamesAreIgnored() {
    for (String alias : List.of("requirements-checker", "openrouter-requirements", "ai_requirements_compliance",
        "REQUIREMENTS-SCANNER")) {
      ToolSelection s = of(List.of(alias, "curl-endpoint-tester"), Map.of());
      assertThat(s.requirements()).as(alias).isTrue();
      assertThat(s.quality()).isFalse();
      assertThat(s.ignored()).containsExactly("curl-endpoint-tester");
    }
  }
}
