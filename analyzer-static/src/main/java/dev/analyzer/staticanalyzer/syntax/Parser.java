package dev.analyzer.staticanalyzer.syntax;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSRange;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * Parses source text with tree-sitter into {@link SyntaxNode}s: with the optimised binding
 * ({@link NativeTreeSitter}) when it is loaded, one native call per file; otherwise with the stock
 * binding, copying the tree with one cursor walk (tree-sitter's byte offsets, in the JNI's modified
 * UTF-8, are mapped back to Java char offsets). Both give the same trees.
 * Each thread keeps its own native parsers (tree-sitter parsers are not thread-safe); a parse is
 * bounded by {@value #TIMEOUT_MICROS} microseconds and by {@value #MAX_NODES} nodes, past which the
 * result is empty (the caller falls back to the lexer rules). Thread-safe.
 */
public final class Parser {

  static final long TIMEOUT_MICROS = 10_000_000L;
  static final int MAX_NODES = 3_000_000;

  private static final int[] NO_SKIP = {};
  private static final Map<Grammar, Symbols> SYMBOLS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final ThreadLocal<Map<Grammar, TSParser>> PARSERS = ThreadLocal.withInitial(
      () -> new EnumMap<>(Grammar.class));

  private Parser() {}

  private static Symbols symbols(Grammar g, TSLanguage language) {
    return SYMBOLS.computeIfAbsent(g, k -> new Symbols(language));
  }

  /**
   * The tree of {@code source} under {@code grammar}; empty when the grammar is unavailable, the parse
   * timed out, or the tree is too large. For {@link Grammar#TSX} without its grammar, the TypeScript
   * and then the JavaScript grammar are tried and the cleaner tree kept.
   */
  public static Optional<SyntaxTree> parse(String source, Grammar grammar) {
    return parse(source, source, grammar);
  }

  /**
   * Like {@link #parse(String, Grammar)}, but tree-sitter reads {@code parsed}, a text of the same
   * length as {@code source} with parts blanked out (offsets, lines and columns are those of both);
   * the tree's text is {@code source}.
   *
   * @throws IllegalArgumentException when the two lengths differ
   */
  public static Optional<SyntaxTree> parse(String source, String parsed, Grammar grammar) {
    return parse(source, parsed, NO_SKIP, grammar);
  }

  /**
   * Like {@link #parse(String, String, Grammar)}, and tree-sitter does not read the char spans
   * {@code skip} (sorted, disjoint pairs {@code from0, to0, from1, to1...}) at all.
   */
  public static Optional<SyntaxTree> parse(String source, String parsed, int[] skip, Grammar grammar) {
    return parse(source, parsed, skip, grammar, NativeTreeSitter.available());
  }

  /** True when the optimised binding ({@link NativeTreeSitter}) is loaded and parses every file. */
  public static boolean optimised() {
    return NativeTreeSitter.available();
  }

  /** Which binding parses: the optimised one ({@link NativeTreeSitter}, when loaded) or the stock one. */
  public static String binding() {
    return NativeTreeSitter.loadedFrom().map(p -> "optimised (" + p + ")").orElse("stock (io.github.bonede)");
  }

  /** Like {@link #parse(String, String, int[], Grammar)} with the binding chosen by {@code optimised}. */
  static Optional<SyntaxTree> parse(String source, String parsed, int[] skip, Grammar grammar, boolean optimised) {
    if (parsed.length() != source.length()) {
      throw new IllegalArgumentException("parsed text length " + parsed.length() + " != source length "
          + source.length());
    }
    if (optimised) {
      return NativeTreeSitter.parse(source, parsed, skip, grammar, TIMEOUT_MICROS, MAX_NODES);
    }
    if (grammar == Grammar.TSX && grammar.language().isEmpty()) {
      Optional<SyntaxTree> ts = parse(source, parsed, skip, Grammar.TYPESCRIPT, Grammar.TSX);
      if (ts.isPresent() && ts.get().clean()) {
        return ts;
      }
      Optional<SyntaxTree> js = parse(source, parsed, skip, Grammar.JAVASCRIPT, Grammar.TSX);
      if (js.isPresent() && (ts.isEmpty() || js.get().errors() < ts.get().errors())) {
        return js;
      }
      return ts;
    }
    return parse(source, parsed, skip, grammar, grammar);
  }

  private static Optional<SyntaxTree> parse(String source, String parsed, int[] skip, Grammar with,
      Grammar reported) {
    Optional<TSLanguage> language = with.language();
    if (language.isEmpty()) {
      return Optional.empty();
    }
    TSParser parser = PARSERS.get().computeIfAbsent(with, g -> {
      TSParser p = new TSParser();
      p.setLanguage(language.get());
      p.setTimeoutMicros(TIMEOUT_MICROS);
      return p;
    });
    TSTree tree;
    if (skip.length == 0) {
      tree = parser.parseString(null, parsed);
    } else {
      parser.setIncludedRanges(Ranges.without(parsed, skip));
      try {
        tree = parser.parseString(null, parsed);
      } finally {
        parser.setIncludedRanges(new TSRange[0]);
      }
    }
    if (tree == null) {
      parser.reset();
      return Optional.empty();
    }
    int[] errors = new int[2];
    SyntaxNode root = copy(tree.getRootNode(), errors, Offsets.of(parsed), symbols(with, language.get()));
    return root == null ? Optional.empty() : Optional.of(new SyntaxTree(source, root, reported, errors[0], errors[1]));
  }

  private static SyntaxNode copy(TSNode top, int[] errors, Offsets offsets, Symbols symbols) {
    TSTreeCursor c = new TSTreeCursor(top);
    SyntaxNode root = node(c, null, errors, offsets, symbols);
    int count = 1;
    if (!c.gotoFirstChild()) {
      return root;
    }
    SyntaxNode parent = root;
    while (true) {
      SyntaxNode current = node(c, parent, errors, offsets, symbols);
      parent.add(current);
      if (++count > MAX_NODES) {
        return null;
      }
      if (current.named() && c.gotoFirstChild()) {
        parent = current;
        continue;
      }
      while (!c.gotoNextSibling()) {
        if (!c.gotoParent() || parent == root) {
          return root;
        }
        parent = parent.parent();
      }
    }
  }

  /**
   * One node: its symbol, start byte (read from the node object) and, for named nodes, end byte;
   * an anonymous token's end is its start plus its text (tokens are their own type name).
   */
  private static SyntaxNode node(TSTreeCursor c, SyntaxNode parent, int[] errors, Offsets offsets, Symbols symbols) {
    TSNode n = c.currentNode();
    int symbol = Symbols.symbol(n);
    String type = symbols.type(n, symbol);
    boolean named = symbols.named(symbol);
    int startByte = Symbols.start(n);
    int endByte = named ? Symbols.end(n) : startByte + type.length();
    if (symbol == Symbols.ERROR_SYMBOL || symbol == -1) {
      errors[0]++;
      errors[1] += endByte - startByte;
    }
    int from = offsets.charAt(startByte);
    int to = offsets.charAt(endByte);
    return new SyntaxNode(type, symbols.field(c.currentFieldId()), named, from, to, offsets.line(from),
        offsets.column(from), offsets.line(Math.max(from, to - 1)), parent);
  }
}
