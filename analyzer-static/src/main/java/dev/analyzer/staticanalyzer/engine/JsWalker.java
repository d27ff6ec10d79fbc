package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The taint walk for JavaScript, JSX, TypeScript and TSX: declarations and destructuring bind names,
 * template literals, {@code +}, objects and arrays carry taint, Express/Koa request data and browser
 * URL/message data are sources, callbacks of tainted values and route handlers get their parameters
 * bound, and each call, DOM property write and JSX attribute meets {@link JsRules}.
 * Not thread-safe: one walk owns it.
 */
final class JsWalker extends Walker {

  static final Set<String> REQUEST_PROPS = Set.of("query", "body", "params", "cookies", "headers", "signedCookies",
      "files", "file", "url", "originalUrl", "path", "rawBody");
  static final Set<String> REQUEST_METHODS = Set.of("get", "header", "param");
  private static final Pattern BROWSER = Pattern.compile(
      "^((window|document|self|top)\\.)?location(\\.(hash|search|href|pathname))?$|^document\\.(URL|documentURI|"
          + "referrer|baseURI|cookie)$|^window\\.name$|^ctx\\.(query|params|headers|cookies|request\\.(body|query))$");
  static final Set<String> SANITIZERS = Set.of("parseInt", "parseFloat", "Number", "Boolean", "encodeURIComponent",
      "encodeURI", "escape", "DOMPurify.sanitize", "dompurify.sanitize", "sanitize", "sanitizeHtml", "sanitize-html",
      "xss", "escapeHtml", "escape-html", "he.encode", "he.escape", "validator.escape", "validator.isInt",
      "path.basename", "mysql.escape", "sqlstring.escape", "Math.floor", "Math.round", "Math.min", "Math.max",
      "isNaN", "Array.isArray", "crypto.createHash", "bcrypt.hash", "bcrypt.compare", "String.raw");
  static final Set<String> CLEAN_METHODS = Set.of("includes", "startsWith", "endsWith", "test", "indexOf",
      "lastIndexOf", "has", "sanitize", "escape", "escapeHTML", "escapeHtml", "digest", "compare", "hasOwnProperty",
      "isValid", "toFixed", "getTime", "length");

  private final SyntaxNode root;
  private final boolean nested;

  JsWalker(FileContext file, Scope scope, Summary summary, SyntaxNode root, boolean nested) {
    super(file, JsRules.RULES, scope, summary);
    this.root = root;
    this.nested = nested;
  }

  static void analyze(FileContext file) {
    JsDefinitions.collect(file, file.tree().root());
    JsWalker top = new JsWalker(file, file.moduleScope(), null, file.tree().root(), false);
    top.visit(file.tree().root());
    for (FunctionInfo fn : file.functions()) {
      if (!file.walked(fn)) {
        top.summarise(fn);
      }
    }
    JsChecks.run(file);
  }

  @Override
  Walker forFunction(FunctionInfo fn, Summary into) {
    Scope s = new Scope(file.moduleScope());
    bindParams(s, fn.params(), fn.route() != null, null, false);
    return new JsWalker(file, s, into, fn.node(), false);
  }

  private void bindParams(Scope s, List<String> params, boolean route, Taint from, boolean message) {
    for (int i = 0; i < params.size(); i++) {
      String p = params.get(i);
      if (route && i == 0 || p.equals("req") || p.equals("request")) {
        s.markRequest(p);
      } else if (message && i == 0) {
        s.markMessageEvent(p);
      } else if (from != null) {
        s.set(p, from);
      } else {
        s.set(p, Taint.param(i));
      }
    }
  }

  @Override
  void visitNode(SyntaxNode n) {
    if (n == null || !spend()) {
      return;
    }
    switch (n.type()) {
      case "function_declaration":
      case "generator_function_declaration":
      case "method_definition":
      case "arrow_function":
      case "function_expression":
      case "function":
        if (n == root) {
          visit(n.child("body"));
          if (n.is("arrow_function") && n.child("body") != null && !n.child("body").is("statement_block")
              && summary != null && !nested) {
            summary.addReturn(eval(n.child("body")));
          }
        }
        return;
      case "variable_declarator": {
        SyntaxNode v = n.child("value");
        if (v != null && JsDefinitions.isFunction(v) && file.function(file.text(n.child("name"))) != null) {
          return;
        }
        Taint t = eval(v);
        bind(n.child("name"), t, v);
        return;
      }
      case "return_statement": {
        Taint t = evalChildren(n);
        if (summary != null && !nested) {
          summary.addReturn(t);
        }
        return;
      }
      case "for_in_statement": {
        Taint t = eval(n.child("right"));
        bind(n.child("left"), t, null);
        visit(n.child("body"));
        return;
      }
      case "import_statement":
      case "comment":
      case "type_alias_declaration":
      case "interface_declaration":
        return;
      default:
        if (isExpression(n)) {
          eval(n);
          return;
        }
        for (SyntaxNode c : n.children()) {
          if (c.named()) {
            visit(c);
          }
        }
    }
  }

  private static boolean isExpression(SyntaxNode n) {
    String t = n.type();
    return n.named() && !(t.endsWith("_statement") || t.endsWith("_declaration") || t.equals("program")
        || t.equals("statement_block") || t.equals("class_body") || t.endsWith("_clause") || t.equals("switch_body")
        || t.equals("switch_case") || t.equals("switch_default") || t.equals("variable_declarator")
        || t.equals("export_statement") || t.equals("class"));
  }

  void bind(SyntaxNode target, Taint t, SyntaxNode value) {
    if (target == null) {
      return;
    }
    switch (target.type()) {
      case "identifier":
      case "shorthand_property_identifier_pattern": {
        String name = file.text(target);
        if (value != null && Literals.isConstant(value, file, scope)) {
          scope.setConstant(name);
        } else {
          scope.set(name, t == null ? null : t.then(file.step(target, "assigned to " + name)));
        }
        return;
      }
      case "object_pattern":
      case "array_pattern":
        for (SyntaxNode c : target.namedChildren()) {
          if (c.is("pair_pattern")) {
            bind(c.child("value"), t, null);
          } else if (c.is("object_assignment_pattern") || c.is("assignment_pattern")) {
            bind(c.child("left"), t, null);
          } else if (c.is("rest_pattern")) {
            bind(c.namedChildren().isEmpty() ? null : c.namedChildren().get(0), t, null);
          } else {
            bind(c, t, null);
          }
        }
        return;
      case "member_expression": {
        String key = file.text(target);
        scope.set(key, t == null ? null : t.then(file.step(target, "assigned to " + key)));
        SyntaxNode base = target.child("object");
        if (base != null && base.is("identifier") && t != null) {
          scope.add(file.text(base), t);
        }
        return;
      }
      case "subscript_expression": {
        SyntaxNode base = target.child("object");
        eval(target.child("index"));
        if (base != null && t != null) {
          scope.add(file.text(base), t.then(file.step(target, "stored in " + file.text(base))));
        }
        return;
      }
      default:
        eval(target);
    }
  }

  @Override
  Taint evalNode(SyntaxNode n) {
    if (n == null || !spend()) {
      return null;
    }
    switch (n.type()) {
      case "identifier":
        return scope.get(file.text(n));
      case "member_expression":
        return member(n);
      case "subscript_expression": {
        Taint base = eval(n.child("object"));
        eval(n.child("index"));
        return Taint.merge(scope.get(file.text(n)), base);
      }
      case "call_expression":
      case "new_expression":
        return call(n);
      case "string":
      case "number":
      case "true":
      case "false":
      case "null":
      case "undefined":
      case "regex":
      case "comment":
      case "property_identifier":
      case "this":
      case "type_annotation":
      case "type_arguments":
        return null;
      case "arrow_function":
      case "function_expression":
      case "function":
        inline(n, null, false, false);
        return null;
      case "assignment_expression": {
        Taint t = eval(n.child("right"));
        JsChecks.assignment(this, n, t);
        bind(n.child("left"), t, n.child("right"));
        return t;
      }
      case "augmented_assignment_expression": {
        Taint t = eval(n.child("right"));
        SyntaxNode left = n.child("left");
        JsChecks.assignment(this, n, t);
        if (left != null && t != null) {
          scope.add(file.text(left), t.then(file.step(n, "appended to " + file.text(left))));
        }
        return Taint.merge(t, eval(left));
      }
      case "binary_expression": {
        Taint t = evalChildren(n);
        return n.hasToken("+") || n.hasToken("||") || n.hasToken("??") || n.hasToken("&&") ? t : null;
      }
      case "unary_expression":
        evalChildren(n);
        return null;
      case "jsx_attribute": {
        Taint t = evalChildren(n);
        JsChecks.jsxAttribute(this, n, t);
        return null;
      }
      case "pair":
        return eval(n.child("value"));
      default:
        return evalChildren(n);
    }
  }

  private boolean isRequest(String name) {
    return name.equals("req") || name.equals("request") || scope.isRequest(name);
  }

  private Taint member(SyntaxNode n) {
    String text = file.text(n);
    Taint keyed = scope.get(text);
    if (keyed != null) {
      return keyed;
    }
    SyntaxNode object = n.child("object");
    String prop = file.text(n.child("property"));
    if (object != null && object.is("identifier")) {
      String o = file.text(object);
      if (isRequest(o) && REQUEST_PROPS.contains(prop) || scope.isMessageEvent(o) && prop.equals("data")) {
        return Taint.source(file.step(n, "source " + text));
      }
    }
    if (text.length() < 40 && BROWSER.matcher(text.replace("?.", ".")).matches()) {
      return Taint.source(file.step(n, "source " + text));
    }
    Taint t = eval(object);
    return prop.equals("length") ? null : t;
  }

  /** Walks a function expression in place with {@code from} (or the request/message role) for its parameters. */
  private void inline(SyntaxNode fn, Taint from, boolean route, boolean message) {
    Scope s = new Scope(scope);
    bindParams(s, JsDefinitions.params(file, fn), route, from, message);
    JsWalker w = new JsWalker(file, s, summary, fn, true);
    w.budget = budget;
    w.depth = depth + 1;
    w.visit(fn);
    budget = w.budget;
  }

  private Taint call(SyntaxNode n) {
    boolean isNew = n.is("new_expression");
    SyntaxNode fn = n.child(isNew ? "constructor" : "function");
    List<SyntaxNode> args = JsDefinitions.args(n);
    Map<String, SyntaxNode> keywords = new LinkedHashMap<>();
    if (!args.isEmpty() && args.get(args.size() - 1).is("object")) {
      for (SyntaxNode p : args.get(args.size() - 1).namedChildren()) {
        if (p.is("pair") && p.child("key") != null) {
          String k = file.text(p.child("key")).replaceAll("^[\"']|[\"']$", "");
          keywords.put(k, p.child("value"));
        } else if (p.is("shorthand_property_identifier")) {
          keywords.put(file.text(p), p);
        }
      }
    }
    Taint receiver = null;
    String method = "";
    boolean isMethod = false;
    if (fn != null && fn.is("member_expression")) {
      isMethod = true;
      method = file.text(fn.child("property"));
      SyntaxNode object = fn.child("object");
      if (object != null && object.is("identifier") && isRequest(file.text(object))
          && REQUEST_METHODS.contains(method)) {
        receiver = Taint.source(file.step(n, "source " + file.text(fn) + "()"));
      } else {
        receiver = eval(object);
      }
    } else if (fn != null) {
      method = file.text(fn);
      if (!fn.is("identifier")) {
        receiver = eval(fn);
      } else if (method.equals("useSearchParams") || method.equals("useParams") || method.equals("useLocation")) {
        receiver = Taint.source(file.step(n, "source " + method + "()"));
      }
    }
    boolean route = !isNew && JsDefinitions.isRouteRegistration(file, n);
    boolean message = method.equals("addEventListener") && !args.isEmpty()
        && "message".equals(Literals.stringValue(args.get(0), file));
    Map<SyntaxNode, Taint> argTaint = new HashMap<>();
    Taint all = null;
    for (SyntaxNode a : args) {
      if (JsDefinitions.isFunction(a)) {
        inline(a, route || message ? null : receiver, route, message);
        continue;
      }
      Taint t = eval(a);
      argTaint.put(a, t);
      all = Taint.merge(all, t);
    }
    for (SyntaxNode v : keywords.values()) {
      argTaint.computeIfAbsent(v, k -> JsDefinitions.isFunction(k) ? null : eval(k));
    }
    String qualified = qualified(fn);
    Site site = new Site(n, qualified, method, isMethod, args, keywords, file);
    checkRules(site, argTaint);
    FunctionInfo local = localFunction(fn);
    if (local != null) {
      Taint[] perParam = new Taint[Math.max(1, local.params().size())];
      for (int i = 0; i < args.size() && i < perParam.length; i++) {
        perParam[i] = argTaint.get(args.get(i));
      }
      return applySummary(local, n, perParam);
    }
    if (SANITIZERS.contains(qualified) || CLEAN_METHODS.contains(method)) {
      return null;
    }
    return Taint.merge(receiver, all);
  }

  private FunctionInfo localFunction(SyntaxNode fn) {
    if (fn == null) {
      return null;
    }
    if (fn.is("identifier") && !file.imported(file.text(fn))) {
      return file.function(file.text(fn));
    }
    if (fn.is("member_expression") && fn.child("object") != null && fn.child("object").is("this")) {
      return file.function(file.text(fn.child("property")));
    }
    return null;
  }

  /** The resolved dotted name of a callee; {@code ?.name} when its receiver is not a plain name. */
  String qualified(SyntaxNode fn) {
    if (fn == null) {
      return "?";
    }
    String dotted = fn.endByte() - fn.startByte() > 300 ? null : dotted(fn);
    if (dotted != null) {
      return file.resolve(dotted);
    }
    if (fn.is("member_expression")) {
      return "?." + file.text(fn.child("property"));
    }
    return "?";
  }

  private String dotted(SyntaxNode n) {
    if (n.is("identifier") || n.is("this")) {
      return file.text(n);
    }
    if (n.is("member_expression")) {
      SyntaxNode o = n.child("object");
      String head = o == null ? null : dotted(o);
      if (head == null && o != null) {
        head = JsDefinitions.required(file, o);
        if (head != null) {
          return head + "." + file.text(n.child("property"));
        }
      }
      return head == null ? null : head + "." + file.text(n.child("property"));
    }
    if (n.is("parenthesized_expression") && !n.namedChildren().isEmpty()) {
      return dotted(n.namedChildren().get(0));
    }
    if (n.is("non_null_expression") && !n.namedChildren().isEmpty()) {
      return dotted(n.namedChildren().get(0));
    }
    return null;
  }
}
