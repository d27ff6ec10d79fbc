package dev.analyzer.staticanalyzer.syntax;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimised tree-sitter binding ({@code libanalyzer-treesitter.so}, built by
 * {@code analyzer-static/native/build.sh} from {@code src/main/native/analyzer_treesitter.c}, the
 * tree-sitter runtime and the same grammar versions as the Maven ones, at -O2): one native call
 * parses a file and returns the whole tree, where the stock binding makes several slow calls per
 * node. Loaded once per JVM from {@link TreeSitterSettings} ({@code ANALYZER_TREESITTER_LIB}, a path or
 * {@code off}); absent or unloadable, {@link #available()} is false and {@link Parser} uses the
 * stock binding, which the log says. Thread-safe: each parse has its own native parser.
 */
final class NativeTreeSitter {

  private static final int ABI = 1;
  private static final int FIELDS_PER_NODE = 5;
  private static final Logger LOG = LoggerFactory.getLogger(NativeTreeSitter.class);
  private static final String LOADED = load();
  private static final Symbols[] SYMBOLS = new Symbols[Grammar.values().length];

  private NativeTreeSitter() {}

  /** True when the optimised library is loaded. */
  static boolean available() {
    return LOADED != null;
  }

  /** The loaded library's path, or empty when the stock binding is used. */
  static Optional<String> loadedFrom() {
    return Optional.ofNullable(LOADED);
  }

  private static String load() {
    Environment env = TreeSitterSettings.processEnvironment();
    Optional<Path> configured;
    try {
      configured = TreeSitterSettings.LIB_OPTION.read(env);
    } catch (SettingsException e) {
      // the service refuses to start on this; a bare JVM (a benchmark) gets the stock binding
      LOG.error("{}; parsing with the stock tree-sitter binding", e.getMessage());
      return null;
    }
    return load(configured, TreeSitterSettings.explicit(env));
  }

  /**
   * Loads the library at {@code configured} (empty: {@code off}, none) and returns its path, or null
   * when it is not a file, does not load or is another binding version; the stock binding is used
   * then, and the log says so (a warning when the path was given {@code explicit}ly, else info).
   */
  static String load(Optional<Path> configured, boolean explicit) {
    if (configured.isEmpty()) {
      LOG.info("{}=off: parsing with the stock tree-sitter binding", TreeSitterSettings.LIB);
      return null;
    }
    Path path = configured.get().toAbsolutePath();
    if (!Files.isRegularFile(path)) {
      if (explicit) {
        LOG.warn("{}={} is not a file; parsing with the stock tree-sitter binding", TreeSitterSettings.LIB, path);
      } else {
        LOG.info("{} is not installed (the default of {}); parsing with the stock tree-sitter binding", path,
            TreeSitterSettings.LIB);
      }
      return null;
    }
    try {
      System.load(path.toString());
      int abi = abi();
      if (abi != ABI) {
        LOG.warn("{} has binding version {}, this engine needs {}; parsing with the stock tree-sitter binding", path,
            abi, ABI);
        return null;
      }
      LOG.info("parsing with the optimised tree-sitter binding {}", path);
      return path.toString();
    } catch (UnsatisfiedLinkError | SecurityException e) {
      LOG.warn("cannot load {} ({}); parsing with the stock tree-sitter binding", path, e.toString());
      return null;
    }
  }

  private static synchronized Symbols symbols(Grammar g) {
    Symbols s = SYMBOLS[g.ordinal()];
    if (s == null) {
      s = new Symbols(symbolNames(g.ordinal()), symbolNamed(g.ordinal()), fieldNames(g.ordinal()));
      SYMBOLS[g.ordinal()] = s;
    }
    return s;
  }

  /**
   * The tree of {@code parsed} (tree-sitter skips the char spans {@code skip}), whose text is
   * {@code source} (same length); empty when the parse timed out or the tree has more than
   * {@code maxNodes} nodes. Only call when {@link #available()}.
   */
  static Optional<SyntaxTree> parse(String source, String parsed, int[] skip, Grammar grammar, long timeoutMicros,
      int maxNodes) {
    int[] flat = parse(grammar.ordinal(), parsed, skip, timeoutMicros, maxNodes);
    if (flat == null || flat.length == 0) {
      return Optional.empty();
    }
    Symbols symbols = symbols(grammar);
    Offsets offsets = Offsets.ofChars(parsed);
    SyntaxNode[] nodes = new SyntaxNode[flat.length / FIELDS_PER_NODE];
    int errors = 0;
    int errorChars = 0;
    for (int i = 0, k = 0; k < flat.length; i++, k += FIELDS_PER_NODE) {
      int symbol = flat[k];
      int from = flat[k + 2];
      int to = flat[k + 3];
      if (symbol == Symbols.ERROR_SYMBOL) {
        errors++;
        errorChars += to - from;
      }
      SyntaxNode parent = flat[k + 4] < 0 ? null : nodes[flat[k + 4]];
      SyntaxNode n = new SyntaxNode(symbols.type(symbol), symbols.field(flat[k + 1]), symbols.named(symbol), from, to,
          offsets.line(from), offsets.column(from), offsets.line(Math.max(from, to - 1)), parent);
      nodes[i] = n;
      if (parent != null) {
        parent.add(n);
      }
    }
    return Optional.of(new SyntaxTree(source, nodes[0], grammar, errors, errorChars));
  }

  private static native int abi();

  private static native String[] symbolNames(int grammar);

  private static native boolean[] symbolNamed(int grammar);

  private static native String[] fieldNames(int grammar);

  private static native int[] parse(int grammar, String text, int[] skip, long timeoutMicros, int maxNodes);
}
