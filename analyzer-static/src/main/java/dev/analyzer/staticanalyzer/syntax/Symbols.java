package dev.analyzer.staticanalyzer.syntax;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSSymbolType;

/**
 * Per-grammar tables that spare the tree copy most native calls: symbol id to type name and
 * named-ness, field id to field name (each asked of the language once), and the start byte read
 * from the node's own {@code context0} field (tree-sitter keeps the start byte there) instead of a
 * JNI call when the binding allows it. Thread-safe: filled once, then only read.
 */
final class Symbols {

  static final int ERROR_SYMBOL = 65535;
  private static final VarHandle START;
  private static final MethodHandle SYMBOL = nodeCall("ts_node_symbol");
  private static final MethodHandle END = nodeCall("ts_node_end_byte");

  static {
    VarHandle h;
    try {
      h = MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup())
          .findVarHandle(TSNode.class, "context0", int.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      h = null;
    }
    START = h;
  }

  /**
   * The binding's own native {@code int f(TSNode)}, called without the null check the public
   * getter makes first (itself a JNI call): a node from a cursor is never null. Null when the
   * binding does not allow it.
   */
  private static MethodHandle nodeCall(String name) {
    try {
      return MethodHandles.privateLookupIn(TSParser.class, MethodHandles.lookup())
          .findStatic(TSParser.class, name, MethodType.methodType(int.class, TSNode.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The node's symbol (one JNI call instead of two). */
  static int symbol(TSNode n) {
    if (SYMBOL != null) {
      try {
        return (int) SYMBOL.invokeExact(n);
      } catch (Throwable e) {
        return n.getSymbol();
      }
    }
    return n.getSymbol();
  }

  /** The node's end byte (one JNI call instead of two). */
  static int end(TSNode n) {
    if (END != null) {
      try {
        return (int) END.invokeExact(n);
      } catch (Throwable e) {
        return n.getEndByte();
      }
    }
    return n.getEndByte();
  }

  private final String[] types;
  private final boolean[] named;
  private final String[] fields;

  /** Tables handed over by the optimised binding ({@link NativeTreeSitter}). */
  Symbols(String[] types, boolean[] named, String[] fields) {
    this.types = types;
    this.named = named;
    this.fields = fields;
  }

  Symbols(TSLanguage language) {
    int n = language.symbolCount();
    types = new String[n];
    named = new boolean[n];
    for (int i = 0; i < n; i++) {
      types[i] = language.symbolName(i);
      named[i] = language.symbolType(i) == TSSymbolType.TSSymbolTypeRegular;
    }
    int fc = language.fieldCount();
    fields = new String[fc + 1];
    for (int i = 1; i <= fc; i++) {
      fields[i] = language.fieldNameForId(i);
    }
  }

  String type(TSNode n, int symbol) {
    if (symbol == ERROR_SYMBOL || symbol == -1) {
      return "ERROR";
    }
    return symbol >= 0 && symbol < types.length && types[symbol] != null ? types[symbol] : n.getType();
  }

  /** The type name of {@code symbol}; {@code ERROR} for the error symbol or one the tables lack. */
  String type(int symbol) {
    return symbol >= 0 && symbol < types.length && types[symbol] != null && symbol != ERROR_SYMBOL ? types[symbol]
        : "ERROR";
  }

  boolean named(int symbol) {
    return symbol == ERROR_SYMBOL || symbol == -1 || symbol >= 0 && symbol < named.length && named[symbol];
  }

  String field(int id) {
    return id > 0 && id < fields.length ? fields[id] : null;
  }

  static int start(TSNode n) {
    return START != null ? (int) START.get(n) : n.getStartByte();
  }
}
