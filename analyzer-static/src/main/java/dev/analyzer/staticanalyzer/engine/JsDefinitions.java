package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The first pass over a JavaScript/TypeScript file: module aliases ({@code import x from 'm'},
 * {@code import {a as b}}, {@code import * as m}, {@code const m = require('m')}, destructured
 * {@code const {exec, spawn: sp} = require('child_process')}, {@code require('m').x}), named
 * functions (declarations, {@code const f = () => ...}, methods), and which of them an Express-style
 * router registers as a handler. Stateless.
 */
final class JsDefinitions {

  static final Set<String> ROUTE_METHODS = Set.of("get", "post", "put", "delete", "patch", "all", "use", "options",
      "head", "route", "param");

  private JsDefinitions() {}

  static void collect(FileContext f, SyntaxNode root) {
    List<SyntaxNode> all = new ArrayList<>();
    Deque<SyntaxNode> stack = new ArrayDeque<>();
    stack.push(root);
    Set<String> handlers = new HashSet<>();
    while (!stack.isEmpty()) {
      SyntaxNode n = stack.pop();
      all.add(n);
      if (n.is("import_statement")) {
        imports(f, n);
      } else if (n.is("variable_declarator")) {
        require(f, n);
      } else if (n.is("call_expression") && isRouteRegistration(f, n)) {
        for (SyntaxNode a : args(n)) {
          if (a.is("identifier")) {
            handlers.add(f.text(a));
          }
        }
      }
      for (int i = n.children().size() - 1; i >= 0; i--) {
        if (n.children().get(i).named()) {
          stack.push(n.children().get(i));
        }
      }
    }
    for (SyntaxNode n : all) {
      define(f, n, handlers);
    }
  }

  static List<SyntaxNode> args(SyntaxNode call) {
    SyntaxNode a = call.child("arguments");
    return a == null ? List.of() : a.namedChildren();
  }

  /** {@code app.get('/x', handler)}, {@code router.post(path, mw, handler)}, {@code router.route(p).get(h)}. */
  static boolean isRouteRegistration(FileContext f, SyntaxNode call) {
    SyntaxNode fn = call.child("function");
    if (fn == null || !fn.is("member_expression")) {
      return false;
    }
    String m = f.text(fn.child("property"));
    if (!ROUTE_METHODS.contains(m)) {
      return false;
    }
    List<SyntaxNode> a = args(call);
    SyntaxNode object = fn.child("object");
    boolean chained = object != null && object.is("call_expression") && f.text(object).contains("route(");
    if (chained || m.equals("use")) {
      return !a.isEmpty();
    }
    return a.size() >= 2 && (a.get(0).is("string") || a.get(0).is("template_string") || a.get(0).is("regex")
        || a.get(0).is("array") || a.get(0).is("identifier") || a.get(0).is("member_expression"));
  }

  private static String module(FileContext f, SyntaxNode stringNode) {
    String m = Literals.stringValue(stringNode, f);
    if (m == null) {
      return null;
    }
    return m.startsWith("node:") ? m.substring(5) : m;
  }

  private static void imports(FileContext f, SyntaxNode n) {
    String module = module(f, n.child("source"));
    SyntaxNode clause = n.firstOfType("import_clause");
    if (module == null || clause == null) {
      return;
    }
    for (SyntaxNode c : clause.namedChildren()) {
      if (c.is("identifier")) {
        f.alias(f.text(c), module);
      } else if (c.is("namespace_import")) {
        SyntaxNode id = c.firstOfType("identifier");
        if (id != null) {
          f.alias(f.text(id), module);
        }
      } else if (c.is("named_imports")) {
        for (SyntaxNode s : c.namedChildren()) {
          SyntaxNode name = s.child("name");
          SyntaxNode alias = s.child("alias");
          if (name != null) {
            f.alias(f.text(alias != null ? alias : name), module + "." + f.text(name));
          }
        }
      }
    }
  }

  /** The module of {@code require('m')} (or {@code require('m').x} as {@code m.x}), or null. */
  static String required(FileContext f, SyntaxNode value) {
    if (value == null) {
      return null;
    }
    if (value.is("await_expression") && !value.namedChildren().isEmpty()) {
      return required(f, value.namedChildren().get(0));
    }
    if (value.is("call_expression")) {
      SyntaxNode fn = value.child("function");
      List<SyntaxNode> a = args(value);
      if (fn != null && (f.text(fn).equals("require") || fn.is("import")) && a.size() == 1) {
        return module(f, a.get(0));
      }
    }
    if (value.is("member_expression")) {
      String base = required(f, value.child("object"));
      return base == null ? null : base + "." + f.text(value.child("property"));
    }
    return null;
  }

  private static void require(FileContext f, SyntaxNode decl) {
    String module = required(f, decl.child("value"));
    SyntaxNode name = decl.child("name");
    if (module == null || name == null) {
      return;
    }
    if (name.is("identifier")) {
      f.alias(f.text(name), module);
    } else if (name.is("object_pattern")) {
      for (SyntaxNode p : name.namedChildren()) {
        if (p.is("shorthand_property_identifier_pattern")) {
          f.alias(f.text(p), module + "." + f.text(p));
        } else if (p.is("pair_pattern") && p.child("value") != null && p.child("value").is("identifier")) {
          f.alias(f.text(p.child("value")), module + "." + f.text(p.child("key")));
        }
      }
    }
  }

  private static void define(FileContext f, SyntaxNode n, Set<String> handlers) {
    String name = null;
    SyntaxNode fn = null;
    boolean method = false;
    switch (n.type()) {
      case "function_declaration":
      case "generator_function_declaration":
        fn = n;
        name = n.child("name") == null ? null : f.text(n.child("name"));
        break;
      case "method_definition":
        fn = n;
        name = n.child("name") == null ? null : f.text(n.child("name"));
        method = true;
        break;
      case "variable_declarator":
      case "pair": {
        SyntaxNode v = n.child("value");
        SyntaxNode k = n.child(n.is("pair") ? "key" : "name");
        if (v != null && k != null && isFunction(v)) {
          fn = v;
          name = f.text(k);
        }
        break;
      }
      default:
        return;
    }
    if (fn == null || name == null) {
      return;
    }
    List<String> params = params(f, fn);
    f.define(new FunctionInfo(fn, name, params, false, handlers.contains(name) ? "handler " + name : null));
  }

  static boolean isFunction(SyntaxNode v) {
    return v.is("arrow_function") || v.is("function_expression") || v.is("function")
        || v.is("generator_function");
  }

  static List<String> params(FileContext f, SyntaxNode fn) {
    List<String> out = new ArrayList<>();
    SyntaxNode single = fn.child("parameter");
    if (single != null) {
      out.add(f.text(single));
      return out;
    }
    SyntaxNode ps = fn.child("parameters");
    if (ps == null) {
      return out;
    }
    for (SyntaxNode p : ps.namedChildren()) {
      out.add(paramName(f, p));
    }
    return out;
  }

  private static String paramName(FileContext f, SyntaxNode p) {
    switch (p.type()) {
      case "identifier":
        return f.text(p);
      case "assignment_pattern":
        return p.child("left") == null ? "?" : f.text(p.child("left"));
      case "required_parameter":
      case "optional_parameter": {
        SyntaxNode pat = p.child("pattern");
        return pat == null ? "?" : pat.is("identifier") ? f.text(pat) : "?";
      }
      default:
        return "?";
    }
  }
}
