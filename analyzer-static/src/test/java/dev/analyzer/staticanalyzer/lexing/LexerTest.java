package dev.analyzer.staticanalyzer.lexing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexerTest {

  @Test
  void pythonCommentsAndStringContentsAreBlankedWithOffsetsKept() {
    String src = "x = 'eval(a)'  # eval(b)\ny = f\"{q}\"\n\"\"\"doc\npassword=1\"\"\"\n";

    CodeView v = Lexer.python(src);

    assertThat(v.code()).hasSameSizeAs(src).doesNotContain("eval").doesNotContain("password");
    assertThat(v.code().split("\n", -1)).hasSameSizeAs(src.split("\n", -1));
    assertThat(v.tokens()).extracting(Token::prefix).contains("f");
    assertThat(v.line(src.indexOf("password"))).isEqualTo(4);
  }

  @Test
  void jsTemplatesKeepTheirExpressionsAsCode() {
    String src = "const a = `hi ${eval(x)} there`; // eval(y)\nconst r = /eval\\(/; const b = x / 2;";

    CodeView v = Lexer.javascript(src);

    assertThat(v.code()).contains("${eval(x)}").doesNotContain("eval(y)").doesNotContain("/eval\\(/")
        .contains("x / 2");
  }

  @Test
  void unterminatedLiteralsDoNotRunAway() {
    CodeView v = Lexer.python("x = 'open\neval(a)\n");

    assertThat(v.code()).contains("eval(a)");
  }
}
