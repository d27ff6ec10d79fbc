package dev.analyzer.ai;

import dev.analyzer.core.protocol.AnalysisRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which tools a request selects, with the original's aliases ({@code requirements-checker},
 * {@code openrouter-requirements}, {@code ai_requirements_compliance} are the requirements scanner;
 * {@code curl-endpoint-tester} is ignored, its control tests being part of the scanner). No
 * selection means both tools. Immutable.
 *
 * @param requirements whether {@code requirements-scanner} runs
 * @param quality whether {@code code-quality-analyzer} runs
 * @param requested the tool names as requested
 * @param ignored requested names that are not tools of this service
 */
record ToolSelection(boolean requirements, boolean quality, List<String> requested, List<String> ignored) {

  static final Set<String> REQUIREMENT_ALIASES = Set.of(AiAnalyzerService.REQUIREMENTS, "requirements-checker",
      "openrouter-requirements", "ai_requirements_compliance", "requirements_scanner");
  static final Set<String> QUALITY_ALIASES = Set.of(AiAnalyzerService.QUALITY, "code_quality_analyzer", "code-quality");

  static ToolSelection of(AnalysisRequest req) {
    Set<String> selected = req.selectedTools();
    if (selected.isEmpty()) {
      return new ToolSelection(req.isToolEnabled(AiAnalyzerService.REQUIREMENTS),
          req.isToolEnabled(AiAnalyzerService.QUALITY), List.of(), List.of());
    }
    boolean r = false;
    boolean q = false;
    List<String> ignored = new ArrayList<>();
    for (String t : selected) {
      if (REQUIREMENT_ALIASES.contains(t)) {
        r = true;
      } else if (QUALITY_ALIASES.contains(t)) {
        q = true;
      } else {
        ignored.add(t);
      }
    }
    return new ToolSelection(r && req.isToolEnabled(AiAnalyzerService.REQUIREMENTS),
        q && req.isToolEnabled(AiAnalyzerService.QUALITY), List.copyOf(selected), ignored);
  }
}
