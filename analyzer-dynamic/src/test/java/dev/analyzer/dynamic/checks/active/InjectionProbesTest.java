package dev.analyzer.dynamic.checks.active;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a reflected quote counts as breaking out of a JavaScript string. */
class InjectionProbesTest {

  @Test
  void aRawQuoteInsideAScriptStringBreaksOut() {
    String body = "<p>x</p><script>var ref = 'zqa';zqb;//'; go(ref);</script>";

    assertThat(InjectionProbes.insideString(body, body.indexOf("zqa") + 3, '\'')).isTrue();
  }

  @Test
  void anEscapedQuoteAnotherQuoteKindOrTextOutsideScriptsDoesNot() {
    String escaped = "<script>var ref = 'it\\'s zqa\\';zqb;//';</script>";
    String otherQuote = "<script>var ref = \"zqa';zqb;//\";</script>";
    String outside = "<script>var a = 'x';</script><p>'zqa';zqb</p>";

    assertThat(escaped).doesNotContain("zqa';zqb");
    assertThat(InjectionProbes.insideString(otherQuote, otherQuote.indexOf("zqa") + 3, '\'')).isFalse();
    assertThat(InjectionProbes.insideString(outside, outside.indexOf("zqa") + 3, '\'')).isFalse();
  }
}
