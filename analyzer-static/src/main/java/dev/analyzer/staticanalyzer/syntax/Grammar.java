package dev.analyzer.staticanalyzer.syntax;

import java.util.Locale;
import java.util.Optional;
import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterTypescript;

/**
 * The grammars the engine parses with, chosen by file name. The TSX grammar ships in its own artifact
 * ({@code io.github.bonede:tree-sitter-tsx}); it is loaded when on the class path, otherwise a
 * {@code .tsx} file is parsed with the TypeScript grammar and then with the JavaScript (JSX) one.
 * Thread-safe: languages are created once and only read.
 */
public enum Grammar {
  PYTHON,
  JAVASCRIPT,
  TYPESCRIPT,
  TSX;

  private volatile TSLanguage language;

  /** The grammar for a file name, if the engine parses it. */
  public static Optional<Grammar> forFile(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".py") || n.endsWith(".pyw")) {
      return Optional.of(PYTHON);
    }
    if (n.endsWith(".js") || n.endsWith(".jsx") || n.endsWith(".mjs") || n.endsWith(".cjs")) {
      return Optional.of(JAVASCRIPT);
    }
    if (n.endsWith(".tsx")) {
      return Optional.of(TSX);
    }
    if (n.endsWith(".ts") || n.endsWith(".mts") || n.endsWith(".cts")) {
      return Optional.of(TYPESCRIPT);
    }
    return Optional.empty();
  }

  /** True for the JavaScript family. */
  public boolean isJavascript() {
    return this != PYTHON;
  }

  /** The tree-sitter language, or empty when this grammar is not on the class path (TSX only). */
  Optional<TSLanguage> language() {
    TSLanguage l = language;
    if (l == null) {
      synchronized (this) {
        l = language;
        if (l == null) {
          l = create();
          language = l;
        }
      }
    }
    return Optional.ofNullable(l);
  }

  private TSLanguage create() {
    switch (this) {
      case PYTHON:
        return new TreeSitterPython();
      case JAVASCRIPT:
        return new TreeSitterJavascript();
      case TYPESCRIPT:
        return new TreeSitterTypescript();
      default:
        try {
          return (TSLanguage) Class.forName("org.treesitter.TreeSitterTsx").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
          return null;
        }
    }
  }
}
