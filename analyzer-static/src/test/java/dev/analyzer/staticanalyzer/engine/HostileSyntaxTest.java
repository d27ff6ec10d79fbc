package dev.analyzer.staticanalyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Hostile files finish without a stack overflow: nesting thousands deep (expressions, callbacks,
 * helpers calling helpers) and a minified megabyte line (skipped as vendored). The timeout only
 * guards against a hang.
 */
class HostileSyntaxTest {

  private static final Duration GUARD = Duration.ofSeconds(120);

  @Test
  void deepNestingIsCutOffNotOverflowed() {
    String py = "import os\nx = " + "(".repeat(3000) + "request.args['a']" + ")".repeat(3000) + "\nos.system(x)\n";
    String js = "const x = " + "f(() => ".repeat(2000) + "eval(req.query.a)" + ")".repeat(2000) + ";\n";
    StringBuilder chain = new StringBuilder("import os\n");
    for (int i = 0; i < 300; i++) {
      chain.append("def h").append(i).append("(v):\n    return h").append(i + 1).append("(v)\n");
    }
    chain.append("def h300(v):\n    os.system(v)\n");
    String concat = "import os\nx = 'a'" + " + 'b'".repeat(20_000) + "\nos.system(x + y)\n";
    String jsConcat = "const x = 'a'" + " + 'b'".repeat(20_000) + ";\ndb.query(x + y);\n";

    assertTimeoutPreemptively(GUARD, () -> {
      SyntaxEngine.analyze("deep.py", py);
      SyntaxEngine.analyze("deep.js", js);
      SyntaxEngine.analyze("chain.py", chain.toString());
      SyntaxEngine.analyze("concat.py", concat);
      SyntaxEngine.analyze("concat.js", jsConcat);
    });
  }

  @Test
  void aMinifiedMegabyteIsSkippedAsVendored() {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 1_000_000) {
      sb.append("var a=function(b){return b.innerHTML=c+\"x\"};");
    }

    FileReport r = SyntaxEngine.analyze("app.js", sb.toString());

    assertThat(r.how()).isEqualTo(FileReport.How.SKIPPED);
    assertThat(r.role()).isEqualTo(FileRole.VENDORED);
  }
}
