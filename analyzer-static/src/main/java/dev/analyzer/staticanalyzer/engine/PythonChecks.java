package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Python checks that are not about one call's arguments: hardcoded secrets (B105 assignments and
 * dict entries, B106 keyword arguments, B107 defaults), binding all interfaces (B104), hardcoded
 * temp paths (B108), SQL built by formatting (B608), assert (B101), swallowed exceptions
 * (B110/B112), shell=True outside subprocess (B604), verify=False (B501), debug flags, hostname and
 * certificate checks switched off, {@code $where}, bidirectional control characters (B613) and the
 * risky imports (B401-B415, info). Stateless.
 */
final class PythonChecks {

  static final Pattern SQL = Pattern.compile(
      "(?is)^\\s*(select\\s.+\\sfrom\\s|insert\\s+into\\s|update\\s+\\S+\\s+set\\s|delete\\s+from\\s|"
          + "replace\\s+into\\s|drop\\s+table\\s|create\\s+table\\s|select\\s+\\S+\\s*$).*");

  private static Rule rule(String id, String cls, String cwe, Severity sev, Confidence conf, String title, String fix) {
    return new Rule(id, cls, cwe, title, sev, conf, fix, id.startsWith("B") ? id + "/S" + id.substring(1) : id);
  }

  static final Rule B105 = rule("B105", "hardcoded-secret", "CWE-259", Severity.HIGH, Confidence.MEDIUM,
      "Hardcoded password or secret", "Read secrets from the environment or a secret store, never from source.");
  static final Rule B106 = rule("B106", "hardcoded-secret", "CWE-259", Severity.HIGH, Confidence.MEDIUM,
      "Hardcoded password passed as an argument", "Read secrets from the environment or a secret store.");
  static final Rule B107 = rule("B107", "hardcoded-secret", "CWE-259", Severity.HIGH, Confidence.MEDIUM,
      "Hardcoded password as a parameter default", "Require the secret from configuration.");
  static final Rule B104 = rule("B104", "bind-all", "CWE-605", Severity.MEDIUM, Confidence.MEDIUM,
      "Server bound to all interfaces (0.0.0.0)", "Bind to 127.0.0.1 unless the service must be reachable from outside.");
  static final Rule B108 = rule("B108", "insecure-temp", "CWE-377", Severity.MEDIUM, Confidence.MEDIUM,
      "Hardcoded temporary directory", "Use tempfile.mkstemp or TemporaryDirectory.");
  static final Rule B608 = rule("B608", "sql-injection", "CWE-89", Severity.HIGH, Confidence.MEDIUM,
      "SQL query built by string formatting", "Pass values as query parameters: cursor.execute(sql, params).");
  static final Rule B101 = rule("B101", "assert", "CWE-703", Severity.LOW, Confidence.HIGH,
      "assert used for a check (removed under python -O)", "Raise an exception instead of asserting.");
  static final Rule B110 = rule("B110", "swallowed-exception", "CWE-703", Severity.LOW, Confidence.HIGH,
      "try/except/pass", "Handle or log the exception.");
  static final Rule B112 = rule("B112", "swallowed-exception", "CWE-703", Severity.LOW, Confidence.HIGH,
      "try/except/continue", "Handle or log the exception.");
  static final Rule B604 = rule("B604", "command-injection", "CWE-78", Severity.MEDIUM, Confidence.LOW,
      "Function called with shell=True", "Avoid shells; pass argument lists.");
  static final Rule B501 = rule("B501", "insecure-tls", "CWE-295", Severity.HIGH, Confidence.HIGH,
      "TLS certificate verification disabled", "Keep verify=True; point verify at a CA bundle for private certificates.");
  static final Rule TLS_OFF = rule("py.tls-unverified", "insecure-tls", "CWE-295", Severity.HIGH, Confidence.HIGH,
      "TLS hostname or certificate check switched off", "Keep check_hostname=True and verify_mode=CERT_REQUIRED.");
  static final Rule DEBUG = rule("py.debug-enabled", "debug", "CWE-489", Severity.MEDIUM, Confidence.MEDIUM,
      "Debug mode enabled in configuration", "Set DEBUG from the environment and keep it off in production.");
  static final Rule WHERE = rule("py.nosql-where", "nosql-injection", "CWE-943", Severity.HIGH, Confidence.MEDIUM,
      "MongoDB $where with computed JavaScript", "Never build $where from input; use query operators.");
  static final Rule B613 = rule("B613", "trojan-source", "CWE-838", Severity.HIGH, Confidence.MEDIUM,
      "Bidirectional control character in source (Trojan Source)", "Remove the control character.");
  static final Rule CSRF_OFF = rule("py.csrf-disabled", "csrf", "CWE-352", Severity.MEDIUM, Confidence.HIGH,
      "CSRF protection switched off", "Keep CSRF protection on; exempt only token-authenticated APIs.");
  static final Rule COOKIE_HTTPONLY = rule("py.cookie-no-httponly", "cookie", "CWE-1004", Severity.MEDIUM,
      Confidence.HIGH, "Cookie readable by scripts (HttpOnly off)", "Keep HttpOnly on for session cookies.");
  static final Rule COOKIE_SECURE = rule("py.cookie-not-secure", "cookie", "CWE-614", Severity.LOW, Confidence.HIGH,
      "Cookie sent over plain http (Secure off)", "Set the Secure flag behind https.");
  private static final Map<String, String[]> IMPORTS = Map.ofEntries(
      Map.entry("telnetlib", new String[] {"B401", "CWE-319"}), Map.entry("ftplib", new String[] {"B402", "CWE-319"}),
      Map.entry("pickle", new String[] {"B403", "CWE-502"}), Map.entry("cPickle", new String[] {"B403", "CWE-502"}),
      Map.entry("dill", new String[] {"B403", "CWE-502"}), Map.entry("shelve", new String[] {"B403", "CWE-502"}),
      Map.entry("subprocess", new String[] {"B404", "CWE-78"}),
      Map.entry("xml.etree", new String[] {"B405", "CWE-20"}), Map.entry("xml.sax", new String[] {"B406", "CWE-20"}),
      Map.entry("xml.parsers.expat", new String[] {"B407", "CWE-20"}),
      Map.entry("xml.dom.minidom", new String[] {"B408", "CWE-20"}),
      Map.entry("xml.dom.pulldom", new String[] {"B409", "CWE-20"}), Map.entry("lxml", new String[] {"B410", "CWE-20"}),
      Map.entry("xmlrpc", new String[] {"B411", "CWE-20"}),
      Map.entry("wsgiref.handlers", new String[] {"B412", "CWE-284"}),
      Map.entry("Crypto", new String[] {"B413", "CWE-327"}), Map.entry("pyghmi", new String[] {"B415", "CWE-319"}));

  private PythonChecks() {}

  static void run(FileContext f) {
    Deque<SyntaxNode> stack = new ArrayDeque<>();
    stack.push(f.tree().root());
    int budget = 2_000_000;
    while (!stack.isEmpty() && budget-- > 0) {
      SyntaxNode n = stack.pop();
      check(f, n);
      List<SyntaxNode> kids = n.children();
      for (int i = kids.size() - 1; i >= 0; i--) {
        if (kids.get(i).named()) {
          stack.push(kids.get(i));
        }
      }
    }
    int bidi = firstBidi(f.tree().source());
    if (bidi >= 0) {
      int line = 1;
      for (int i = 0; i < bidi; i++) {
        if (f.tree().source().charAt(i) == '\n') {
          line++;
        }
      }
      f.hit(new Hit(B613, line, 1, B613.confidence(), List.of(), f.tree().lineText(line)));
    }
  }

  /** The first bidirectional control character (U+202A-U+202E, U+2066-U+2069), or -1; a plain loop, not a regex, as it reads every file. */
  private static int firstBidi(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= '\u202A' && (c <= '\u202E' || c >= '\u2066' && c <= '\u2069')) {
        return i;
      }
    }
    return -1;
  }

  private static void hit(FileContext f, Rule r, SyntaxNode at) {
    f.hit(new Hit(r, at.line(), at.column(), r.confidence(), List.of(), f.tree().lineText(at.line())));
  }

  private static void check(FileContext f, SyntaxNode n) {
    switch (n.type()) {
      case "assignment": {
        SyntaxNode left = n.child("left");
        SyntaxNode right = n.child("right");
        if (left == null || right == null) {
          return;
        }
        String name = targetName(f, left);
        String value = Literals.stringValue(right, f);
        if (value != null && SecretNames.isSecretName(name) && SecretNames.isRealSecret(value)) {
          hit(f, B105, left);
        }
        String lhs = f.text(left).replace(" ", "");
        if (right.is("true") && (lhs.equals("DEBUG") || lhs.endsWith(".debug") || lhs.endsWith("['DEBUG']")
            || lhs.endsWith("[\"DEBUG\"]"))) {
          hit(f, DEBUG, left);
        }
        if (right.is("false") && lhs.matches(".*(WTF_CSRF_ENABLED|CSRF_ENABLED|WTF_CSRF_CHECK_DEFAULT).*")) {
          hit(f, CSRF_OFF, left);
        }
        if (right.is("false") && lhs.matches(".*SESSION_COOKIE_HTTPONLY.*")) {
          hit(f, COOKIE_HTTPONLY, left);
        }
        if (right.is("false") && lhs.matches(".*(SESSION_COOKIE_SECURE|CSRF_COOKIE_SECURE).*")) {
          hit(f, COOKIE_SECURE, left);
        }
        if (lhs.endsWith(".check_hostname") && right.is("false") || lhs.endsWith(".verify_mode")
            && f.text(right).endsWith("CERT_NONE")) {
          hit(f, TLS_OFF, left);
        }
        return;
      }
      case "pair": {
        String key = Literals.stringValue(n.child("key"), f);
        String value = Literals.stringValue(n.child("value"), f);
        if (value != null && SecretNames.isSecretName(key) && SecretNames.isRealSecret(value)) {
          hit(f, B105, n);
        }
        if ("$where".equals(key) && !Literals.isConstant(n.child("value"), f, null)) {
          hit(f, WHERE, n);
        }
        return;
      }
      case "keyword_argument": {
        String key = f.text(n.child("name"));
        SyntaxNode v = n.child("value");
        String value = Literals.stringValue(v, f);
        if (value != null && SecretNames.isSecretName(key) && SecretNames.isRealSecret(value)) {
          hit(f, B106, n);
        }
        SyntaxNode call = n.parent() == null ? null : n.parent().parent();
        String callee = call == null || call.child("function") == null ? "" : f.resolve(f.text(call.child("function")));
        if (key.equals("shell") && Literals.isTrue(v, f) && !callee.startsWith("subprocess.")) {
          hit(f, B604, call);
        }
        if (key.equals("verify") && Literals.isFalse(v, f) && !callee.contains("jwt")) {
          hit(f, B501, call);
        }
        if (key.equals("cert_reqs") && f.text(v).endsWith("CERT_NONE")) {
          hit(f, TLS_OFF, call);
        }
        if (key.equals("httponly") && Literals.isFalse(v, f)) {
          hit(f, COOKIE_HTTPONLY, call);
        }
        if ((key.equals("host") || key.equals("bind")) && "0.0.0.0".equals(value)) {
          hit(f, B104, n);
        }
        return;
      }
      case "default_parameter":
      case "typed_default_parameter": {
        String value = Literals.stringValue(n.child("value"), f);
        if (value != null && SecretNames.isSecretName(f.text(n.child("name"))) && SecretNames.isRealSecret(value)) {
          hit(f, B107, n);
        }
        return;
      }
      case "string":
        strings(f, n);
        return;
      case "binary_operator":
      case "call":
        formattedSql(f, n);
        return;
      case "decorator":
        if (f.text(n).matches("@\\s*(csrf_exempt|csrf\\.exempt|[\\w.]*csrf_exempt)\\b.*")) {
          hit(f, CSRF_OFF, n);
        }
        return;
      case "assert_statement":
        hit(f, B101, n);
        return;
      case "except_clause": {
        SyntaxNode block = n.firstOfType("block");
        List<SyntaxNode> body = block == null ? List.of() : block.namedChildren();
        if (body.size() == 1 && body.get(0).is("pass_statement")) {
          hit(f, B110, n);
        } else if (body.size() == 1 && body.get(0).is("continue_statement")) {
          hit(f, B112, n);
        }
        return;
      }
      case "import_statement":
      case "import_from_statement":
        imports(f, n);
        return;
      default:
    }
  }

  private static String targetName(FileContext f, SyntaxNode left) {
    if (left.is("subscript")) {
      String key = Literals.stringValue(left.child("subscript"), f);
      return key != null ? key : "";
    }
    if (left.is("attribute")) {
      return f.text(left.child("attribute"));
    }
    return left.is("identifier") ? f.text(left) : "";
  }

  private static void strings(FileContext f, SyntaxNode n) {
    String v = Literals.stringValue(n, f);
    SyntaxNode p = n.parent();
    boolean used = p != null && (p.is("argument_list") || p.is("keyword_argument") || p.is("assignment")
        || p.is("default_parameter"));
    if (v != null && used && v.equals("0.0.0.0") && !(p.is("keyword_argument"))) {
      hit(f, B104, n);
    }
    if (v != null && used && (v.startsWith("/tmp/") || v.equals("/tmp") || v.startsWith("/var/tmp")
        || v.startsWith("/dev/shm"))) {
      hit(f, B108, n);
    }
    if (v == null && n.firstOfType("interpolation") != null && SQL.matcher(contentOf(f, n)).matches()) {
      hit(f, B608, n);
    }
  }

  private static void formattedSql(FileContext f, SyntaxNode n) {
    if (!Literals.isBuilt(n, f, null)) {
      return;
    }
    SyntaxNode s = n.is("call") ? n.child("function").child("object") : n.child("left");
    String v = s == null ? null : Literals.stringValue(s, f);
    if (v != null && SQL.matcher(v).matches()) {
      hit(f, B608, n);
    }
  }

  private static String contentOf(FileContext f, SyntaxNode s) {
    StringBuilder sb = new StringBuilder();
    for (SyntaxNode c : s.children()) {
      if (c.is("string_content")) {
        sb.append(f.text(c));
      } else if (c.is("interpolation")) {
        sb.append("x");
      }
    }
    return sb.toString();
  }

  private static void imports(FileContext f, SyntaxNode n) {
    SyntaxNode module = n.child("module_name");
    List<SyntaxNode> names = module != null ? List.of(module) : n.childrenOf("name");
    for (SyntaxNode name : names) {
      String full = f.text(name.is("aliased_import") ? name.child("name") : name);
      for (Map.Entry<String, String[]> e : IMPORTS.entrySet()) {
        if (full.equals(e.getKey()) || full.startsWith(e.getKey() + ".")) {
          String id = e.getValue()[0];
          hit(f, rule(id, "risky-import", e.getValue()[1], Severity.INFO, Confidence.HIGH,
              "Import of " + e.getKey() + " (review its use)", "Prefer the hardened alternative (defusedxml, "
                  + "pyca/cryptography, SSH/SFTP) where data is untrusted."), n);
          return;
        }
      }
    }
  }
}
