package dev.analyzer.staticanalyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Given Python files, when the parse focus leaves out what no rule can fire in, then the left-out
 * function bodies become {@code pass} with the same length and newlines, findings keep their lines
 * and columns, and files where taint may start keep every body.
 */
class PythonFocusTest {

  private static final String QUIET = "def quiet(a, b):\n"
      + "    \"\"\"A long docstring that no rule reads from the tree at all.\"\"\"\n"
      + "    total = a + b  # a comment long enough to be left out of the parse\n"
      + "    for i in range(total):\n"
      + "        total += i\n"
      + "    return total\n";

  private static List<String> rules(String code) {
    return SyntaxEngine.analyze("m.py", code).findings().stream()
        .map(f -> f.ruleId() + "@" + f.location().line() + ":" + f.location().column()).toList();
  }

  @Test
  void quietBodiesAreLeftOutWithOffsetsKept() {
    String code = "import subprocess\n" + QUIET + "def loud(cmd):\n    assert cmd\n"
        + "    subprocess.run(cmd, shell=True)\n";

    PythonFocus.Focus f = PythonFocus.focus(code);

    assertThat(f.text()).hasSameSizeAs(code).isNotEqualTo(code);
    assertThat(f.text().split("\n", -1)).hasSameSizeAs(code.split("\n", -1));
    assertThat(f.text()).contains("    pass").doesNotContain("total").contains("subprocess.run(cmd, shell=True)");
    assertThat(f.skip()).isNotEmpty();
    assertThat(rules(code)).contains("B101@9:5", "B602@10:5");
  }

  @Test
  void aBodyWithAnyCandidateIsKept() {
    String[] bodies = {"    os.system(x)\n", "    try:\n        f()\n    except Exception:\n        pass\n",
        "    password = 'hunter22x'\n", "    tmp = '/tmp/x'\n", "    q = 'SELECT * FROM t WHERE id=' + i\n",
        "    from subprocess import Popen as P\n", "    DEBUG = True\n", "    h = hashlib.md5(x)\n"};
    for (String body : bodies) {
      String code = "import os, hashlib\ndef f(x):\n" + body;

      assertThat(PythonFocus.focus(code).text()).as(body).isSameAs(code);
    }
  }

  @Test
  void filesWhereTaintMayStartKeepEveryBody() {
    String flask = "from flask import request\n" + QUIET + "def view():\n    return request.args['q']\n";
    String route = "import os\n" + QUIET + "@app.route('/x/<n>')\ndef x(n):\n    return n\n";
    String django = "import os\n" + QUIET + "def view(request, pk):\n    return pk\n";

    for (String code : List.of(flask, route, django)) {
      PythonFocus.Focus f = PythonFocus.focus(code);
      assertThat(f.text()).isSameAs(code);
      assertThat(f.text()).contains("total += i");
    }
  }

  @Test
  void helperTaintStillReachesTheSinkInSourceFiles() {
    String code = "import os\nfrom flask import request\n" + QUIET
        + "def wrap(v):\n    return 'ls ' + v\n"
        + "@app.route('/r')\ndef r():\n    os.system(wrap(request.args['d']))\n";

    assertThat(SyntaxEngine.analyze("m.py", code).findings()).filteredOn(x -> x.ruleId().equals("B605"))
        .singleElement().satisfies(x -> assertThat(x.extra()).containsKey("trace"));
  }
}
