package dev.analyzer.staticanalyzer.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a parsed file, copied out of tree-sitter: its grammar type, the field it fills in its
 * parent, its char span in the source, its 1-based start line and column, and its children
 * (named and anonymous). Effectively immutable once {@link Parser} has built the tree; safe to read
 * from any thread.
 */
public final class SyntaxNode {

  private final String type;
  private final String field;
  private final boolean named;
  private final int startByte;
  private final int endByte;
  private final int line;
  private final int column;
  private final int endLine;
  private final SyntaxNode parent;
  private final List<SyntaxNode> children = new ArrayList<>(2);

  SyntaxNode(String type, String field, boolean named, int startByte, int endByte, int line, int column, int endLine,
      SyntaxNode parent) {
    this.type = type;
    this.field = field;
    this.named = named;
    this.startByte = startByte;
    this.endByte = endByte;
    this.line = line;
    this.column = column;
    this.endLine = endLine;
    this.parent = parent;
  }

  void add(SyntaxNode child) {
    children.add(child);
  }

  public String type() {
    return type;
  }

  /** The field name in the parent ({@code function}, {@code arguments}, ...), or null. */
  public String field() {
    return field;
  }

  public boolean named() {
    return named;
  }

  public boolean is(String t) {
    return type.equals(t);
  }

  public int startByte() {
    return startByte;
  }

  public int endByte() {
    return endByte;
  }

  /** 1-based start line. */
  public int line() {
    return line;
  }

  /** 1-based start column. */
  public int column() {
    return column;
  }

  /** 1-based end line. */
  public int endLine() {
    return endLine;
  }

  public SyntaxNode parent() {
    return parent;
  }

  /** All children, anonymous tokens included. */
  public List<SyntaxNode> children() {
    return children;
  }

  /** The named children. */
  public List<SyntaxNode> namedChildren() {
    List<SyntaxNode> out = new ArrayList<>(children.size());
    for (SyntaxNode c : children) {
      if (c.named && !c.type.equals("comment")) {
        out.add(c);
      }
    }
    return out;
  }

  /** The first child filling {@code fieldName}, or null. */
  public SyntaxNode child(String fieldName) {
    for (SyntaxNode c : children) {
      if (fieldName.equals(c.field)) {
        return c;
      }
    }
    return null;
  }

  /** Every child filling {@code fieldName}. */
  public List<SyntaxNode> childrenOf(String fieldName) {
    List<SyntaxNode> out = new ArrayList<>(1);
    for (SyntaxNode c : children) {
      if (fieldName.equals(c.field)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The first child of grammar type {@code t}, or null. */
  public SyntaxNode firstOfType(String t) {
    for (SyntaxNode c : children) {
      if (c.type.equals(t)) {
        return c;
      }
    }
    return null;
  }

  /** True when an anonymous child token equals {@code token} (an operator such as {@code %}). */
  public boolean hasToken(String token) {
    for (SyntaxNode c : children) {
      if (!c.named && c.type.equals(token)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return type + "@" + line + ":" + column;
  }
}
