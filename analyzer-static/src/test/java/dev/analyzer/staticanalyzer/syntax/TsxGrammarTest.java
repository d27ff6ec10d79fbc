package dev.analyzer.staticanalyzer.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.staticanalyzer.engine.BuiltinEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .tsx files parse with the TSX grammar (io.github.bonede:tree-sitter-tsx): one tree holds both JSX
 * elements (the TypeScript grammar has none) and type annotations (the JavaScript grammar has none),
 * and the engine finds the component's dangerouslySetInnerHTML sink with no file unparsed.
 */
class TsxGrammarTest {

  private static final String COMPONENT = "import React from 'react';\n"
      + "type Props = { bio: string; count?: number };\n"
      + "export function Profile({ bio, count }: Props): JSX.Element {\n"
      + "  const label: string = `items: ${count ?? 0}`;\n"
      + "  const items = [1, 2].map((n: number) => <li key={n}>{n as number}</li>);\n"
      + "  return (\n"
      + "    <div title={label}>\n"
      + "      <div dangerouslySetInnerHTML={{ __html: bio }} />\n"
      + "      <ul>{items}</ul>\n"
      + "    </div>\n"
      + "  );\n"
      + "}\n";

  @Test
  void tsxComponentParsesCleanlyWithJsxAndTypes() {
    Optional<SyntaxTree> tree = Parser.parse(COMPONENT, Grammar.TSX);

    assertThat(tree).isPresent();
    assertThat(tree.get().clean()).as("error nodes").isTrue();
    assertThat(tree.get().grammar()).isEqualTo(Grammar.TSX);
    Set<String> types = types(tree.get().root());
    assertThat(types).contains("jsx_element", "jsx_self_closing_element", "type_annotation", "type_alias_declaration",
        "as_expression");
  }

  @Test
  void engineFindsTheSinkWithNoFileUnparsed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("Profile.tsx"), COMPONENT);

    BuiltinEngine.Result r = BuiltinEngine.scanDirectory(dir, false, 1);

    assertThat(r.files()).isEqualTo(1);
    assertThat(r.parsed()).isEqualTo(1);
    assertThat(r.unparsed()).isZero();
    assertThat(r.findings()).extracting(Finding::ruleId).contains("js.dangerously-set-inner-html");
    assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("js.dangerously-set-inner-html"))
        .extracting(f -> f.location().line()).containsExactly(8);
  }

  private static Set<String> types(SyntaxNode root) {
    Set<String> out = new HashSet<>();
    Deque<SyntaxNode> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      SyntaxNode n = stack.pop();
      out.add(n.type());
      n.children().forEach(stack::push);
    }
    return out;
  }
}
