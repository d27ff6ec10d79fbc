package dev.analyzer.staticanalyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.analyzer.staticanalyzer.config.ConfigScanner;
import dev.analyzer.staticanalyzer.secrets.SecretScanner;
import dev.analyzer.staticanalyzer.source.Language;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile files finish: a 1 MB minified JavaScript line, and inputs crafted to make a backtracking
 * regex engine explode. Every pattern is RE2 (linear time) and the lexer is single-pass; the
 * generous timeouts below only guard against a hang, they do not measure speed.
 */
class HostileInputTest {

  private static final Duration GUARD = Duration.ofSeconds(60);

  @Test
  void aOneMegabyteMinifiedLineIsScanned() {
    StringBuilder sb = new StringBuilder(1_100_000);
    Random r = new Random(42);
    while (sb.length() < 1_000_000) {
      sb.append("var a").append(r.nextInt(1000)).append("=function(b){return b.innerHTML=c+\"x\"+'y'+`z${d}`};");
    }
    String js = sb.toString();

    int[] found = new int[1];
    assertTimeoutPreemptively(GUARD, () -> {
      found[0] = CodeRuleAnalyzer.analyze("bundle.min.js", js, Language.JAVASCRIPT).size();
      SecretScanner.scan("bundle.min.js", js);
    });
    assertThat(found[0]).isPositive();
  }

  @Test
  void catastrophicBacktrackingBaitFinishes() {
    String bait = "password" + " ".repeat(20) + "=" + "a".repeat(200_000) + "!";
    String nested = "key:" + "a-".repeat(100_000) + "=" + "x".repeat(50_000);
    String unterminated = "x = \"" + "\\\"".repeat(200_000);
    String manyQuotes = "'".repeat(300_000);

    assertTimeoutPreemptively(GUARD, () -> {
      SecretScanner.scan("a.py", bait);
      SecretScanner.scan("b.py", nested);
      CodeRuleAnalyzer.analyze("c.py", unterminated, Language.PYTHON);
      CodeRuleAnalyzer.analyze("d.py", manyQuotes, Language.PYTHON);
      CodeRuleAnalyzer.analyze("d.js", manyQuotes, Language.JAVASCRIPT);
      ConfigScanner.scan("Dockerfile", "Dockerfile", Language.DOCKERFILE, "ENV " + "A".repeat(100_000) + "PASSWORD=x");
      ConfigScanner.scan(".env", ".env", Language.CONFIG, "SECRET" + "_".repeat(200_000) + "=1");
    });
  }
}
