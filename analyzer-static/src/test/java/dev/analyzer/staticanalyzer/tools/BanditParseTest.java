package dev.analyzer.staticanalyzer.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.staticanalyzer.report.ResultAssembler;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bandit's JSON: evidence is the issue's own line; two CWE-less issues on one excerpt both survive. */
class BanditParseTest {

  private static final String JSON = "{\"results\":["
      + "{\"test_id\":\"B101\",\"test_name\":\"assert_used\",\"issue_text\":\"assert\",\"issue_severity\":\"LOW\","
      + "\"issue_confidence\":\"HIGH\",\"filename\":\"./a.py\",\"line_number\":3,\"col_offset\":4,"
      + "\"code\":\"2 def f(x):\\n3     assert x\\n4     assert x\\n\"},"
      + "{\"test_id\":\"B101\",\"test_name\":\"assert_used\",\"issue_text\":\"assert\",\"issue_severity\":\"LOW\","
      + "\"issue_confidence\":\"HIGH\",\"filename\":\"./a.py\",\"line_number\":4,\"col_offset\":4,"
      + "\"code\":\"3     assert x\\n4     assert x\\n5 \\n\"}]}";

  @Test
  void evidenceIsTheIssueLineAndNoIssueIsLost() throws Exception {
    List<Finding> f = BanditTool.parse(JSON);
    ResultAssembler a = new ResultAssembler();
    a.add(new ResultAssembler.Entry("bandit", "python", "1", ToolResult.notRun("bandit", ToolStatus.SKIPPED, "x"), f));

    assertThat(f).extracting(Finding::evidence).containsExactly("assert x", "assert x");
    assertThat(f.get(0).location().line()).isEqualTo(3);
    assertThat(BanditTool.codeLine("9 x = 1\n10 eval(y)\n", 10)).isEqualTo("eval(y)");
    assertThat(a.mergedFindings()).hasSize(2);
  }
}
