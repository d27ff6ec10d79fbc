package dev.analyzer.staticanalyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.source.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each python-security rule: a positive in the vulnerable app, negatives in helpers.py and the clean app. */
class PythonSecurityRulesTest {

  private static List<Finding> scan(String app, String file) throws Exception {
    return CodeRuleAnalyzer.analyze(file, Fixtures.read(app, file), Language.PYTHON);
  }

  @Test
  void theVulnerableBackendTriggersEveryRuleWhereExpected() throws Exception {
    List<Finding> f = scan("vulnerable", "backend/app.py");

    assertThat(Fixtures.rulesAndLines(f)).containsExactlyInAnyOrder(
        "py.hardcoded-secret@13", "py.hardcoded-secret@15",
        "py.sql-format@26", "py.ssti@27", "py.sql-format@33",
        "py.shell-true@40", "py.os-system@45", "py.eval@51", "py.pickle@56", "py.yaml-load@61",
        "py.path-traversal@66", "py.insecure-random@71", "py.weak-hash@72", "py.verify-false@73",
        "py.bind-all-interfaces@78", "py.flask-debug@78");
    assertThat(f).allSatisfy(x -> {
      assertThat(x.tool()).isEqualTo("python-security");
      assertThat(x.cwe()).startsWith("CWE-");
      assertThat(x.remediation()).isNotBlank();
      assertThat(x.extra()).containsKey("equivalent_rules");
    });
  }

  @Test
  void commentsDocstringsAndSafeCallsDoNotTrigger() throws Exception {
    assertThat(scan("vulnerable", "backend/helpers.py")).isEmpty();
  }

  @Test
  void theCleanBackendIsClean() throws Exception {
    assertThat(scan("clean", "backend/app.py")).isEmpty();
  }

  @Test
  void findingsPointAtTheCallAndCarryTheLineAsEvidence() throws Exception {
    Finding eval = scan("vulnerable", "backend/app.py").stream().filter(x -> x.ruleId().equals("py.eval")).findFirst()
        .orElseThrow();

    assertThat(eval.location().column()).isEqualTo(16);
    assertThat(eval.evidence()).isEqualTo("return str(eval(request.args.get(\"expr\", \"1+1\")))");
    assertThat(eval.extra().get("equivalent_rules")).isEqualTo("B307/S307");
  }

  @Test
  void placeholderSecretsAndEnvironmentReadsAreNotHardcodedSecrets() {
    String code = "password = 'changeme'\napi_key = os.environ['API_KEY']\ntoken = ''\nsecret = 'your-secret-here'\n";

    assertThat(CodeRuleAnalyzer.analyze("x.py", code, Language.PYTHON)).isEmpty();
  }

  @Test
  void sqlInAPlainParameterizedQueryIsFineButConcatenationIsNot() {
    String code = "cur.execute('SELECT * FROM t WHERE a = ?', (a,))\ncur.execute('SELECT * FROM t WHERE a = ' + a)\n"
        + "q = 'DELETE FROM t WHERE id = {}'.format(i)\n";

    assertThat(Fixtures.rulesAndLines(CodeRuleAnalyzer.analyze("x.py", code, Language.PYTHON)))
        .containsExactly("py.sql-format@2", "py.sql-format@3");
  }
}
