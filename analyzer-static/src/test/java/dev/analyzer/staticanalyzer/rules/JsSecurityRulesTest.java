package dev.analyzer.staticanalyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.source.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each js-security rule: positives in the vulnerable React app, negatives in Safe.jsx and the clean app. */
class JsSecurityRulesTest {

  private static List<Finding> scan(String app, String file) throws Exception {
    return CodeRuleAnalyzer.analyze(file, Fixtures.read(app, file), Language.JAVASCRIPT);
  }

  @Test
  void theVulnerableFrontendTriggersEveryRuleWhereExpected() throws Exception {
    assertThat(Fixtures.rulesAndLines(scan("vulnerable", "frontend/src/App.jsx"))).containsExactlyInAnyOrder(
        "js.insecure-http@3", "js.token-in-localstorage@10", "js.inner-html@13", "js.string-timer@14",
        "js.eval@15", "js.non-literal-regexp@17", "js.dangerously-set-inner-html@20", "js.javascript-url@21",
        "js.target-blank@22");
  }

  @Test
  void commentsStringsRegexLiteralsAndSafeCodeDoNotTrigger() throws Exception {
    assertThat(scan("vulnerable", "frontend/src/Safe.jsx")).isEmpty();
  }

  @Test
  void theCleanFrontendIsClean() throws Exception {
    assertThat(scan("clean", "frontend/src/App.jsx")).isEmpty();
  }

  @Test
  void childProcessWithATemplateOrConcatenationIsFlaggedButAConstantIsNot() {
    String code = "const { exec } = require('child_process');\nexec(`ls ${dir}`);\nexec('ls ' + dir);\nexec(`ls -la`);\n"
        + "const m = /a/.exec(s);\n";

    assertThat(Fixtures.rulesAndLines(CodeRuleAnalyzer.analyze("x.js", code, Language.JAVASCRIPT)))
        .containsExactly("js.child-process-exec@2", "js.child-process-exec@3");
  }

  @Test
  void newFunctionAndInsertAdjacentHtmlAndDocumentWrite() {
    String code = "const f = new Function('a', body);\nel.insertAdjacentHTML('beforeend', html);\ndocument.write(x);\n";

    assertThat(Fixtures.rules(CodeRuleAnalyzer.analyze("x.js", code, Language.JAVASCRIPT)))
        .containsExactly("js.document-write", "js.insert-adjacent-html", "js.new-function");
  }
}
