package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The taint walk for Python: statements bind names (assignment, for, with, unpacking, containers),
 * expressions carry taint (attributes, subscripts, f-strings, %, +, .format, calls), Flask/Django/
 * FastAPI request data and route parameters are sources, and each call meets {@link PythonRules}.
 * Not thread-safe: one walk owns it.
 */
final class PythonWalker extends Walker {

  static final Set<String> REQUEST_ATTRS = Set.of("args", "form", "json", "values", "cookies", "headers", "files",
      "data", "view_args", "GET", "POST", "COOKIES", "META", "body", "FILES", "query_params", "full_path", "url",
      "query_string", "referrer", "stream", "environ", "path_params", "path");
  static final Set<String> REQUEST_METHODS = Set.of("get_json", "get_data", "json", "body", "form");
  static final Set<String> SANITIZERS = Set.of("int", "float", "bool", "len", "abs", "round", "ord", "hash",
      "isinstance", "callable", "id", "escape", "html.escape", "cgi.escape", "markupsafe.escape", "flask.escape",
      "bleach.clean", "shlex.quote", "pipes.quote", "werkzeug.utils.secure_filename", "secure_filename",
      "os.path.basename", "uuid.UUID", "re.escape", "urllib.parse.quote", "urllib.parse.quote_plus", "quote",
      "quote_plus", "django.utils.html.escape", "hashlib.sha256", "hashlib.md5", "hashlib.sha1", "bcrypt.hashpw",
      "check_password_hash", "generate_password_hash", "os.path.exists", "os.path.isfile", "os.path.isdir");
  static final Set<String> CLEAN_METHODS = Set.of("isdigit", "isalnum", "isalpha", "isnumeric", "startswith",
      "endswith", "count", "find", "index", "rfind", "__len__", "hexdigest", "digest", "exists", "is_file", "is_dir");

  private final SyntaxNode root;
  private final FunctionInfo function;

  PythonWalker(FileContext file, Scope scope, Summary summary, SyntaxNode root, FunctionInfo function) {
    super(file, PythonRules.RULES, scope, summary);
    this.root = root;
    this.function = function;
  }

  /** Analyses a whole Python file into {@code file}'s hits. */
  static void analyze(FileContext file) {
    PythonDefinitions.collect(file, file.tree().root());
    Scope module = file.moduleScope();
    PythonWalker top = new PythonWalker(file, module, null, file.tree().root(), null);
    top.visit(file.tree().root());
    for (FunctionInfo fn : file.functions()) {
      if (!file.walked(fn)) {
        top.summarise(fn);
      }
    }
    PythonChecks.run(file);
  }

  @Override
  Walker forFunction(FunctionInfo fn, Summary into) {
    Scope s = new Scope(file.moduleScope());
    for (int i = 0; i < fn.params().size(); i++) {
      String p = fn.params().get(i);
      if (fn.route() != null && !(i == 0 && fn.method()) && !PythonDefinitions.NOT_INPUT.contains(p)) {
        s.set(p, Taint.source(file.step(fn.node(), "route parameter " + p + " (" + fn.route() + ")")));
      } else {
        s.set(p, Taint.param(i));
      }
    }
    return new PythonWalker(file, s, into, fn.node(), fn);
  }

  @Override
  void visitNode(SyntaxNode n) {
    if (!spend()) {
      return;
    }
    switch (n.type()) {
      case "function_definition":
        if (n == root) {
          visit(n.child("body"));
        }
        return;
      case "class_definition":
        visit(n.child("body"));
        return;
      case "decorated_definition":
        for (SyntaxNode d : n.children()) {
          if (d.is("decorator")) {
            evalChildren(d);
          }
        }
        visit(n.child("definition"));
        return;
      case "assignment": {
        SyntaxNode right = n.child("right");
        if (right != null) {
          Taint t = eval(right);
          bind(n.child("left"), t, right);
        }
        return;
      }
      case "augmented_assignment": {
        Taint t = eval(n.child("right"));
        SyntaxNode left = n.child("left");
        if (left != null && t != null) {
          scope.add(file.text(left), t.then(file.step(n, "appended to " + file.text(left))));
        }
        return;
      }
      case "return_statement": {
        Taint t = evalChildren(n);
        if (summary != null) {
          summary.addReturn(t);
        }
        if (function != null && function.route() != null && t != null && t.traced() && returnsHtml(n)) {
          report(PythonRules.REFLECTED_XSS, CallRule.Mode.TAINTED, n, t, true, "returned as HTML");
        }
        return;
      }
      case "for_statement": {
        Taint t = eval(n.child("right"));
        bind(n.child("left"), t, null);
        visit(n.child("body"));
        SyntaxNode alt = n.child("alternative");
        if (alt != null) {
          visit(alt);
        }
        return;
      }
      case "with_item": {
        SyntaxNode v = n.child("value");
        if (v != null && v.is("as_pattern")) {
          List<SyntaxNode> kids = v.namedChildren();
          Taint t = kids.isEmpty() ? null : eval(kids.get(0));
          SyntaxNode alias = v.child("alias");
          if (alias != null) {
            bind(alias.namedChildren().isEmpty() ? alias : alias.namedChildren().get(0), t, null);
          }
        } else if (v != null) {
          eval(v);
        }
        return;
      }
      case "import_statement":
      case "import_from_statement":
      case "future_import_statement":
      case "comment":
      case "pass_statement":
      case "global_statement":
      case "nonlocal_statement":
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
    switch (n.type()) {
      case "block":
      case "module":
      case "expression_statement":
      case "if_statement":
      case "elif_clause":
      case "else_clause":
      case "while_statement":
      case "try_statement":
      case "except_clause":
      case "finally_clause":
      case "with_statement":
      case "with_clause":
      case "match_statement":
      case "case_clause":
      case "assert_statement":
      case "delete_statement":
      case "raise_statement":
        return false;
      default:
        return n.named() && !n.type().endsWith("_statement") && !n.type().endsWith("_clause");
    }
  }

  private boolean returnsHtml(SyntaxNode n) {
    List<SyntaxNode> kids = n.namedChildren();
    if (kids.isEmpty() || !Literals.isBuilt(kids.get(0), file, scope)) {
      return false;
    }
    String text = file.text(n);
    return text.contains("<") && text.matches("(?s).*<\\s*[a-zA-Z/!].*");
  }

  private void bind(SyntaxNode target, Taint t, SyntaxNode value) {
    if (target == null) {
      return;
    }
    switch (target.type()) {
      case "identifier": {
        String name = file.text(target);
        if (value != null && Literals.isConstant(value, file, scope)) {
          scope.setConstant(name);
        } else {
          scope.set(name, t == null ? null : t.then(file.step(target, "assigned to " + name)));
        }
        return;
      }
      case "pattern_list":
      case "tuple_pattern":
      case "list_pattern":
      case "tuple":
      case "list":
      case "parenthesized_expression":
        for (SyntaxNode c : target.namedChildren()) {
          bind(c, t, null);
        }
        return;
      case "attribute": {
        String key = file.text(target);
        scope.set(key, t == null ? null : t.then(file.step(target, "assigned to " + key)));
        return;
      }
      case "subscript": {
        SyntaxNode base = target.child("value");
        eval(target.child("subscript"));
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
      case "attribute":
        return attribute(n);
      case "subscript": {
        Taint base = eval(n.child("value"));
        for (SyntaxNode s : n.childrenOf("subscript")) {
          eval(s);
        }
        Taint keyed = scope.get(file.text(n));
        return Taint.merge(keyed, base);
      }
      case "call":
        return call(n);
      case "comparison_operator":
      case "not_operator":
        evalChildren(n);
        return null;
      case "lambda":
        return null;
      case "integer":
      case "float":
      case "true":
      case "false":
      case "none":
      case "comment":
      case "string_content":
      case "string_start":
      case "string_end":
      case "escape_sequence":
        return null;
      case "keyword_argument":
        return eval(n.child("value"));
      default:
        return evalChildren(n);
    }
  }

  private Taint attribute(SyntaxNode n) {
    Taint keyed = scope.get(file.text(n));
    if (keyed != null) {
      return keyed;
    }
    SyntaxNode object = n.child("object");
    SyntaxNode attr = n.child("attribute");
    String name = attr == null ? "" : file.text(attr);
    if (object != null && object.is("identifier") && isRequest(file.text(object)) && REQUEST_ATTRS.contains(name)) {
      return Taint.source(file.step(n, "source " + file.text(n)));
    }
    return eval(object);
  }

  private boolean isRequest(String name) {
    return name.equals("request") || name.equals("req") || scope.isRequest(name);
  }

  private Taint call(SyntaxNode n) {
    SyntaxNode fn = n.child("function");
    SyntaxNode argNode = n.child("arguments");
    List<SyntaxNode> args = new ArrayList<>();
    Map<String, SyntaxNode> keywords = new LinkedHashMap<>();
    if (argNode != null && argNode.is("argument_list")) {
      for (SyntaxNode a : argNode.namedChildren()) {
        if (a.is("keyword_argument")) {
          SyntaxNode k = a.child("name");
          SyntaxNode v = a.child("value");
          if (k != null && v != null) {
            keywords.put(file.text(k), v);
          }
        } else {
          args.add(a);
        }
      }
    } else if (argNode != null) {
      args.add(argNode);
    }
    Taint receiver = null;
    String method = null;
    boolean isMethod = false;
    if (fn != null && fn.is("attribute")) {
      isMethod = true;
      SyntaxNode object = fn.child("object");
      method = file.text(fn.child("attribute"));
      if (object != null && object.is("identifier") && isRequest(file.text(object)) && REQUEST_METHODS.contains(method)) {
        receiver = Taint.source(file.step(n, "source " + file.text(fn) + "()"));
      } else {
        receiver = eval(object);
      }
    } else if (fn != null) {
      method = file.text(fn);
      if (!fn.is("identifier")) {
        receiver = eval(fn);
      }
    }
    Map<SyntaxNode, Taint> argTaint = new HashMap<>();
    Taint all = null;
    for (SyntaxNode a : args) {
      Taint t = eval(a);
      argTaint.put(a, t);
      all = Taint.merge(all, t);
    }
    for (SyntaxNode v : keywords.values()) {
      Taint t = eval(v);
      argTaint.put(v, t);
      all = Taint.merge(all, t);
    }
    String qualified = qualified(fn);
    Site site = new Site(n, qualified, method == null ? "" : method, isMethod, args, keywords, file);
    checkRules(site, argTaint);
    FunctionInfo local = localFunction(fn);
    if (local != null) {
      Taint[] perParam = new Taint[Math.max(local.params().size(), 1)];
      for (int i = 0; i < args.size(); i++) {
        int p = local.paramForArg(i, isMethod);
        if (p < perParam.length) {
          perParam[p] = argTaint.get(args.get(i));
        }
      }
      for (Map.Entry<String, SyntaxNode> k : keywords.entrySet()) {
        int p = local.indexOf(k.getKey());
        if (p >= 0 && p < perParam.length) {
          perParam[p] = argTaint.get(k.getValue());
        }
      }
      return applySummary(local, n, perParam);
    }
    if (SANITIZERS.contains(qualified) || method != null && CLEAN_METHODS.contains(method)) {
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
    if (fn.is("attribute")) {
      SyntaxNode object = fn.child("object");
      if (object != null && object.is("identifier") && (file.text(object).equals("self")
          || file.text(object).equals("cls"))) {
        FunctionInfo f = file.function(file.text(fn.child("attribute")));
        return f != null && f.method() ? f : null;
      }
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
    if (fn.is("attribute")) {
      return "?." + file.text(fn.child("attribute"));
    }
    return "?";
  }

  private String dotted(SyntaxNode n) {
    if (n.is("identifier")) {
      return file.text(n);
    }
    if (n.is("attribute")) {
      SyntaxNode o = n.child("object");
      String head = o == null ? null : dotted(o);
      return head == null ? null : head + "." + file.text(n.child("attribute"));
    }
    return null;
  }
}
