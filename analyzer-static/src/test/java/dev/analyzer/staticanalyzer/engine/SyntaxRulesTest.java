package dev.analyzer.staticanalyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Syntax-level matching: aliases, keyword arguments, literal vs computed, comments, fallback. */
class SyntaxRulesTest {

  private static List<String> rules(String path, String code) {
    return SyntaxEngine.analyze(path, code).findings().stream()
        .map(f -> f.ruleId() + "@" + f.location().line()).toList();
  }

  @Test
  void callsResolveThroughImportAliases() {
    String py = "import xml.etree.ElementTree as badET\nfrom subprocess import Popen as P\n"
        + "badET.fromstring(data)\nP(cmd, shell=True)\n";

    assertThat(rules("a.py", py)).contains("B314@3", "B602@4");
  }

  @Test
  void requireAndDestructuredImportsResolve() {
    String js = "const { exec: run } = require('child_process');\nrequire('child_process').exec(cmd);\n"
        + "import { execSync } from 'node:child_process';\nrun('ls ' + d);\nexecSync(`ls ${d}`);\nexec('ls ' + d);\n";

    assertThat(rules("a.js", js)).contains("js.command-injection@2", "js.command-injection@4",
        "js.command-injection@5").doesNotContain("js.command-injection@6");
  }

  @Test
  void keywordArgumentsAndLiteralsDecide() {
    String py = "import subprocess, yaml\nsubprocess.run(cmd, shell=False)\nsubprocess.run(cmd, shell=True)\n"
        + "yaml.load(s, Loader=yaml.SafeLoader)\nyaml.load(s)\neval('1+1')\neval(x)\n";

    assertThat(rules("a.py", py)).contains("B602@3", "B506@5", "B307@7")
        .doesNotContain("B602@2", "B506@4", "B307@6");
  }

  @Test
  void commentsAndStringsAreNeverCode() {
    String py = "import os\n# os.system(request.args['c'])\nx = \"os.system(request.args['c'])\"\n";

    assertThat(rules("a.py", py)).noneMatch(r -> r.startsWith("B605"));
  }

  @Test
  void decoratorsMakeRouteParametersSources() {
    String py = "import os\n@app.route('/x/<name>')\ndef x(name):\n    os.system('ls ' + name)\n"
        + "def y(name):\n    os.system('ls ' + name)\n";
    List<Finding> f = SyntaxEngine.analyze("a.py", py).findings();

    assertThat(f).filteredOn(x -> x.location().line() == 4).singleElement()
        .satisfies(x -> assertThat(x.extra()).containsKey("trace"));
    assertThat(f).filteredOn(x -> x.location().line() == 6).singleElement()
        .satisfies(x -> assertThat(x.extra()).doesNotContainKey("trace"));
  }

  @Test
  void aFileThatDoesNotParseFallsBackToTheLexerRules() {
    String broken = "def f(:\n  ]]] ((( eval(x)\n" + "}{".repeat(50) + "\n";
    FileReport r = SyntaxEngine.analyze("bad.py", broken);

    assertThat(r.how()).isEqualTo(FileReport.How.UNPARSED);
    assertThat(r.findings()).extracting(Finding::ruleId).contains("py.eval");
  }

  @Test
  void suppressionsNameTheirRulesOrSilenceAll() {
    String js = "eval(a); // eslint-disable-line no-eval\neval(b); // eslint-disable-line no-console\n"
        + "// eslint-disable-next-line\neval(c);\n";
    FileReport r = SyntaxEngine.analyze("s.js", js);

    assertThat(r.findings()).extracting(f -> f.location().line()).containsExactly(2);
    assertThat(r.suppressed()).isEqualTo(2);
    assertThat(SyntaxEngine.analyze("s.py", "import os\nos.system(c)  # noqa: S605\n").suppressed()).isEqualTo(1);
  }

  @Test
  void weakRealSecretsCountButPlaceholdersAndEnvironmentReadsDoNot() {
    String py = "app.secret_key = 'super_secret_key'\nSECRET_KEY = 'secret'\nAPI_KEY = os.environ['API_KEY']\n"
        + "PASSWORD = 'your-secret-here'\nDB_PASSWORD = ''\nPASSWORD_FIELD = 'user_password'\n";

    assertThat(rules("settings.py", py)).contains("B105@1", "B105@2").noneMatch(r -> r.matches("B105@[3-6]"));
  }

  @Test
  void mongoUpdateOfRequestDataIsNoSqlButAHashUpdateIsNot() {
    String js = "app.post('/r', (req, res) => {\n  db.reviews.update({ _id: req.body.id }, { $set: { m: 1 } });\n"
        + "  crypto.createHash('sha256').update(req.body.p).digest('hex');\n});\n";

    assertThat(rules("r.js", js)).contains("js.nosql-injection@2").doesNotContain("js.nosql-injection@3");
  }
}
