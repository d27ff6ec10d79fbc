package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The first pass over a Python file: import aliases ({@code import a.b as c}, {@code from m import x
 * as y}) and every function definition with its parameters, marked as a route handler when a
 * decorator registers it ({@code @app.route}, {@code @bp.get}, {@code @router.post}, ...) or when it
 * takes a Django-style {@code request} first parameter. Stateless.
 */
final class PythonDefinitions {

  static final Set<String> ROUTE_DECORATORS = Set.of("route", "get", "post", "put", "delete", "patch", "api_route",
      "websocket", "head", "options", "api_view");
  /** Parameters of a route handler that are not request input. */
  static final Set<String> NOT_INPUT = Set.of("self", "cls", "request", "db", "session", "current_user", "background_tasks");

  private PythonDefinitions() {}

  static void collect(FileContext f, SyntaxNode root) {
    Deque<SyntaxNode> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      SyntaxNode n = stack.pop();
      switch (n.type()) {
        case "import_statement":
          imports(f, n, null);
          continue;
        case "import_from_statement": {
          SyntaxNode module = n.child("module_name");
          imports(f, n, module == null ? "" : f.text(module));
          continue;
        }
        case "function_definition":
          define(f, n);
          break;
        default:
          break;
      }
      for (int i = n.children().size() - 1; i >= 0; i--) {
        SyntaxNode c = n.children().get(i);
        if (c.named()) {
          stack.push(c);
        }
      }
    }
  }

  private static void imports(FileContext f, SyntaxNode n, String module) {
    for (SyntaxNode name : n.childrenOf("name")) {
      if (name.is("aliased_import")) {
        String full = f.text(name.child("name"));
        String alias = f.text(name.child("alias"));
        f.alias(alias, module == null ? full : module + "." + full);
      } else if (name.is("dotted_name")) {
        String full = f.text(name);
        if (module == null) {
          String head = full.contains(".") ? full.substring(0, full.indexOf('.')) : full;
          f.alias(head, head);
        } else {
          f.alias(full, module + "." + full);
        }
      }
    }
  }

  private static void define(FileContext f, SyntaxNode fn) {
    SyntaxNode nameNode = fn.child("name");
    if (nameNode == null) {
      return;
    }
    List<String> params = new ArrayList<>();
    SyntaxNode ps = fn.child("parameters");
    if (ps != null) {
      for (SyntaxNode p : ps.namedChildren()) {
        String name = paramName(f, p);
        if (name != null) {
          params.add(name);
        }
      }
    }
    boolean method = !params.isEmpty() && (params.get(0).equals("self") || params.get(0).equals("cls"));
    String route = route(f, fn);
    if (route == null) {
      int first = method ? 1 : 0;
      if (params.size() > first && params.get(first).equals("request")) {
        route = "view";
      }
    }
    f.define(new FunctionInfo(fn, f.text(nameNode), params, method, route));
  }

  private static String paramName(FileContext f, SyntaxNode p) {
    switch (p.type()) {
      case "identifier":
        return f.text(p);
      case "default_parameter":
      case "typed_default_parameter":
        return p.child("name") == null ? null : f.text(p.child("name"));
      case "typed_parameter": {
        SyntaxNode id = p.firstOfType("identifier");
        return id == null ? null : f.text(id);
      }
      default:
        return null;
    }
  }

  /** The route a decorator registers the function under ("/x/<name>"), or null. */
  private static String route(FileContext f, SyntaxNode fn) {
    SyntaxNode parent = fn.parent();
    if (parent == null || !parent.is("decorated_definition")) {
      return null;
    }
    for (SyntaxNode d : parent.children()) {
      if (!d.is("decorator")) {
        continue;
      }
      SyntaxNode call = d.firstOfType("call");
      SyntaxNode callee = call == null ? null : call.child("function");
      if (callee != null && callee.is("attribute")) {
        String m = f.text(callee.child("attribute"));
        if (ROUTE_DECORATORS.contains(m)) {
          SyntaxNode args = call.child("arguments");
          SyntaxNode first = args == null || args.namedChildren().isEmpty() ? null : args.namedChildren().get(0);
          String path = Literals.stringValue(first, f);
          return path != null ? path : m;
        }
      }
    }
    return null;
  }
}
