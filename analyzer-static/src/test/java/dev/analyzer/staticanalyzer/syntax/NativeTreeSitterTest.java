package dev.analyzer.staticanalyzer.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The optimised binding ({@code libanalyzer-treesitter.so}, built by {@code native/build.sh})
 * gives the same trees as the stock one: node for node the same type, field, named-ness, span,
 * line, column and end line, and the same error count, on every fixture file of the four grammars,
 * on non-ASCII text (whose offsets the two bindings compute differently) and with spans left out
 * of the parse (skipped when the library is not installed); and {@code off}, a missing file or one
 * that is no library leave the stock binding in place.
 */
class NativeTreeSitterTest {

  private static final String NON_ASCII = "# café ünïcode ✓ 😀 in a comment\n"
      + "s = \"naïve – 😀 \\u00e9\"\n"
      + "def f(x):\n"
      + "    return os.system('échec ' + x)  # 中文\n";

  @Test
  void everyFixtureFileParsesToTheSameTreeInBothBindings() throws IOException {
    assumeTrue(NativeTreeSitter.available(), "libanalyzer-treesitter.so not installed (native/build.sh)");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(Path.of("src/test/resources"))) {
      s.filter(Files::isRegularFile).filter(p -> Grammar.forFile(p.getFileName().toString()).isPresent())
          .sorted().forEach(files::add);
    }
    assertThat(files).hasSizeGreaterThan(15);
    for (Path p : files) {
      String text = Files.readString(p);
      Grammar g = Grammar.forFile(p.getFileName().toString()).orElseThrow();
      assertSameTrees(p.toString(), text, text, new int[0], g);
    }
  }

  @Test
  void nonAsciiTextHasTheSameCharOffsetsInBothBindings() {
    assumeTrue(NativeTreeSitter.available(), "libanalyzer-treesitter.so not installed (native/build.sh)");

    SyntaxTree tree = assertSameTrees("non-ascii", NON_ASCII, NON_ASCII, new int[0], Grammar.PYTHON);

    SyntaxNode call = find(tree.root(), "call");
    assertThat(tree.text(call)).isEqualTo("os.system('échec ' + x)");
    assertThat(call.line()).isEqualTo(4);
    assertThat(call.column()).isEqualTo(12);
  }

  @Test
  void leftOutSpansAreLeftOutInBothBindings() {
    assumeTrue(NativeTreeSitter.available(), "libanalyzer-treesitter.so not installed (native/build.sh)");
    String source = "import os  # é\ndef g():\n    x = 1\n    return x\nos.system('ls 😀 ' + y)\n";
    int from = source.indexOf("    x = 1");
    int to = source.indexOf("os.system");
    String parsed = source.substring(0, from) + "    pass \n" + " ".repeat("    return x".length()) + "\n"
        + source.substring(to);

    SyntaxTree tree = assertSameTrees("skip", source, parsed, new int[] {from + 8, to - 1}, Grammar.PYTHON);

    assertThat(find(tree.root(), "pass_statement")).isNotNull();
    assertThat(find(tree.root(), "return_statement")).isNull();
    assertThat(find(tree.root(), "call").line()).isEqualTo(5);
    assertThat(tree.text(find(tree.root(), "call"))).isEqualTo("os.system('ls 😀 ' + y)");
  }

  @Test
  void offAMissingFileOrAFileThatIsNoLibraryMeansTheStockBinding(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path garbage = Files.writeString(dir.resolve("libanalyzer-treesitter.so"), "not an ELF file");

    assertThat(NativeTreeSitter.load(Optional.empty(), true)).isNull();
    assertThat(NativeTreeSitter.load(Optional.of(dir.resolve("missing.so")), true)).isNull();
    assertThat(NativeTreeSitter.load(Optional.of(dir.resolve("missing.so")), false)).isNull();
    assertThat(NativeTreeSitter.load(Optional.of(garbage), true)).isNull();
    assertThat(Parser.parse("import os\n", Grammar.PYTHON)).isPresent();
  }

  private static SyntaxTree assertSameTrees(String what, String source, String parsed, int[] skip, Grammar g) {
    Optional<SyntaxTree> stock = Parser.parse(source, parsed, skip, g, false);
    Optional<SyntaxTree> optimised = Parser.parse(source, parsed, skip, g, true);
    assertThat(optimised.isPresent()).as(what).isEqualTo(stock.isPresent());
    if (stock.isEmpty()) {
      return null;
    }
    assertThat(optimised.get().errors()).as(what + " errors").isEqualTo(stock.get().errors());
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    flatten(stock.get().root(), a);
    flatten(optimised.get().root(), b);
    assertThat(b).as(what).containsExactlyElementsOf(a);
    return optimised.get();
  }

  private static void flatten(SyntaxNode n, List<String> out) {
    out.add(n.type() + " " + n.field() + " " + n.named() + " " + n.startByte() + "-" + n.endByte() + " " + n.line()
        + ":" + n.column() + "-" + n.endLine() + " " + (n.parent() == null ? "root" : n.parent().type()));
    for (SyntaxNode c : n.children()) {
      flatten(c, out);
    }
  }

  private static SyntaxNode find(SyntaxNode n, String type) {
    if (n.is(type)) {
      return n;
    }
    for (SyntaxNode c : n.children()) {
      SyntaxNode f = find(c, type);
      if (f != null) {
        return f;
      }
    }
    return null;
  }
}
