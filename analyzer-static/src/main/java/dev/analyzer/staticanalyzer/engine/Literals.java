package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.staticanalyzer.syntax.SyntaxNode;

/** Constant folding light: which nodes are literals, their string values, booleans. Stateless. */
final class Literals {

  private Literals() {}

  /** The value of a plain string literal (no interpolation), or null. */
  static String stringValue(SyntaxNode n, FileContext f) {
    if (n == null) {
      return null;
    }
    if (n.is("parenthesized_expression") && n.namedChildren().size() == 1) {
      return stringValue(n.namedChildren().get(0), f);
    }
    if (n.is("string")) {
      if (n.firstOfType("interpolation") != null) {
        return null;
      }
      StringBuilder sb = new StringBuilder();
      for (SyntaxNode c : n.children()) {
        if (c.is("string_content") || c.is("string_fragment") || c.is("escape_sequence")) {
          sb.append(f.text(c));
        }
      }
      return sb.toString();
    }
    if (n.is("template_string") && n.firstOfType("template_substitution") == null) {
      String t = f.text(n);
      return t.length() >= 2 ? t.substring(1, t.length() - 1) : "";
    }
    if (n.is("concatenated_string")) {
      StringBuilder sb = new StringBuilder();
      for (SyntaxNode c : n.namedChildren()) {
        String v = stringValue(c, f);
        if (v == null) {
          return null;
        }
        sb.append(v);
      }
      return sb.toString();
    }
    return null;
  }

  /** True for literals, and for operators over literals and names the scope knows are constants. */
  static boolean isConstant(SyntaxNode n, FileContext f, Scope scope) {
    return isConstant(n, f, scope, 0);
  }

  private static boolean isConstant(SyntaxNode n, FileContext f, Scope scope, int depth) {
    if (n == null) {
      return true;
    }
    if (depth > 100) {
      return false;
    }
    switch (n.type()) {
      case "string":
        return n.firstOfType("interpolation") == null;
      case "template_string":
        return n.firstOfType("template_substitution") == null;
      case "integer":
      case "float":
      case "number":
      case "true":
      case "false":
      case "none":
      case "null":
      case "undefined":
      case "regex":
        return true;
      case "identifier":
        return scope != null && scope.isConstant(f.text(n));
      case "concatenated_string":
      case "binary_operator":
      case "binary_expression":
      case "parenthesized_expression":
      case "list":
      case "tuple":
      case "array":
        for (SyntaxNode c : n.namedChildren()) {
          if (!isConstant(c, f, scope, depth + 1)) {
            return false;
          }
        }
        return true;
      default:
        return false;
    }
  }

  /**
   * True for a string built in place from something that is not a constant: an f-string or template
   * literal with a computed part, {@code %} or {@code +} over a string, {@code "...".format(x)},
   * {@code [...].join(...)}.
   */
  static boolean isBuilt(SyntaxNode n, FileContext f, Scope scope) {
    return isBuilt(n, f, scope, 0);
  }

  private static boolean isBuilt(SyntaxNode n, FileContext f, Scope scope, int depth) {
    if (n == null || depth > 100 || isConstant(n, f, scope)) {
      return false;
    }
    switch (n.type()) {
      case "string":
      case "template_string":
        return true;
      case "parenthesized_expression":
        return !n.namedChildren().isEmpty() && isBuilt(n.namedChildren().get(0), f, scope, depth + 1);
      case "binary_operator":
      case "binary_expression": {
        if (!(n.hasToken("%") || n.hasToken("+"))) {
          return false;
        }
        for (SyntaxNode c : n.namedChildren()) {
          if (c.is("string") || c.is("template_string") || isBuilt(c, f, scope, depth + 1)) {
            return true;
          }
        }
        return false;
      }
      case "call":
      case "call_expression": {
        SyntaxNode fn = n.child("function");
        if (fn == null || !(fn.is("attribute") || fn.is("member_expression"))) {
          return false;
        }
        SyntaxNode obj = fn.child("object");
        String m = f.text(fn.child(fn.is("attribute") ? "attribute" : "property"));
        return (m.equals("format") || m.equals("join") || m.equals("concat")) && obj != null
            && (obj.is("string") || obj.is("template_string"));
      }
      default:
        return false;
    }
  }

  static boolean isTrue(SyntaxNode n, FileContext f) {
    return n != null && (n.is("true") || n.is("integer") && f.text(n).equals("1")
        || n.is("number") && f.text(n).equals("1"));
  }

  static boolean isFalse(SyntaxNode n, FileContext f) {
    return n != null && (n.is("false") || n.is("integer") && f.text(n).equals("0")
        || n.is("number") && f.text(n).equals("0") || n.is("none") || n.is("null"));
  }
}
