package dev.analyzer.staticanalyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.staticanalyzer.engine.SyntaxEngine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A traced finding's SARIF result carries a codeFlow from the source to the sink. */
class CodeFlowsTest {

  @Test
  void tracedFindingsGetCodeFlows() throws Exception {
    List<Finding> f = SyntaxEngine.analyze("app.py", "import os\nfrom flask import request\n"
        + "def v():\n    c = request.args['c']\n    os.system(c)\n").findings();
    ResultAssembler a = new ResultAssembler();
    a.add(new ResultAssembler.Entry("python-security", "python", "0.2.0",
        ToolResult.notRun("python-security", ToolStatus.SKIPPED, "x"), f));
    AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("m").withAppNumber(1).build();
    String json = new ObjectMapper().writeValueAsString(
        a.build(req, Instant.EPOCH, "success", Map.of(), Map.of()).extra().get("sarif_export"));

    assertThat(json).contains("\"codeFlows\"").contains("source request.args").contains("sink os.system");
  }
}
