package dev.analyzer.staticanalyzer.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.lexing.CodeView;
import dev.analyzer.staticanalyzer.lexing.Token;
import java.util.List;
import java.util.Locale;

/**
 * The {@code python-security} rules: the dangerous calls bandit and ruff's flake8-bandit ("S")
 * look for, named with their codes. Stateless.
 */
public final class PythonSecurityRules {

  static final Pattern SQL = Pattern.compile(
      "(?is)^\\s*(select\\s.+\\sfrom\\s|insert\\s+into\\s|update\\s+\\S+\\s+set\\s|delete\\s+from\\s|"
          + "replace\\s+into\\s|drop\\s+table\\s|create\\s+table\\s)");
  static final Pattern SECRET_NAME = Pattern.compile(
      "(?i)(password|passwd|pwd|secret|api_?key|apikey|access_?key|auth_?token|private_?key|token)");
  private static final Pattern FOLLOWING_FORMAT = Pattern.compile("^\\s*(%|\\.format\\s*\\(|\\+)");
  private static final Pattern PRECEDING_CONCAT = Pattern.compile("\\+\\s*$");

  private PythonSecurityRules() {}

  /** The pattern rules. */
  public static List<CodeRule> rules() {
    return List.of(
        CodeRule.of("py.eval", "Use of eval/exec", "B307/S307", "CWE-95", Severity.HIGH, Confidence.HIGH,
            "Never evaluate strings as code; parse data with json.loads or ast.literal_eval.",
            "(^|[^.\\w])(eval|exec)\\s*\\(").at(2).ifContains("eval", "exec"),
        CodeRule.of("py.shell-true", "Subprocess call with shell=True", "B602/S602", "CWE-78", Severity.HIGH,
            Confidence.HIGH, "Pass an argument list and shell=False; never build a command line from input.",
            "\\bshell\\s*=\\s*True\\b").ifContains("shell"),
        CodeRule.of("py.os-system", "Command run through a shell (os.system/os.popen)", "B605/S605", "CWE-78",
            Severity.HIGH, Confidence.MEDIUM, "Use subprocess.run with an argument list.",
            "\\bos\\.(system|popen)\\s*\\(").ifContains("os."),
        CodeRule.of("py.pickle", "Deserialization with pickle", "B301/S301", "CWE-502", Severity.MEDIUM,
            Confidence.HIGH, "Do not unpickle untrusted data; use JSON.",
            "\\b(pickle|cPickle|dill|shelve)\\.(loads?|Unpickler|open)\\s*\\(").ifContains("pickle", "dill", "shelve"),
        CodeRule.of("py.yaml-load", "yaml.load without a safe loader", "B506/S506", "CWE-502", Severity.MEDIUM,
            Confidence.HIGH, "Use yaml.safe_load or Loader=yaml.SafeLoader.",
            "\\byaml\\.(load|load_all)\\s*\\(([^)]*)\\)").when((v, m) -> !m.group(2).contains("SafeLoader")).ifContains("yaml."),
        CodeRule.of("py.flask-debug", "Flask app run with debug=True", "B201/S201", "CWE-489", Severity.HIGH,
            Confidence.MEDIUM, "Never run with debug=True outside development: the Werkzeug debugger executes code.",
            "\\.run\\s*\\([^)]*\\bdebug\\s*=\\s*True").ifContains("debug"),
        CodeRule.of("py.bind-all-interfaces", "Server bound to all interfaces (0.0.0.0)", "B104/S104", "CWE-605",
            Severity.MEDIUM, Confidence.MEDIUM, "Bind to 127.0.0.1 unless the service must be reachable from outside.",
            "\\bhost\\s*=\\s*[rb]?[\"']").when((v, m) -> "0.0.0.0".equals(stringValueAfter(v, m.end() - 1))).ifContains("host"),
        CodeRule.of("py.weak-hash", "Weak hash (MD5/SHA1)", "B324/S324", "CWE-327", Severity.MEDIUM, Confidence.HIGH,
            "Use hashlib.sha256 (or bcrypt/argon2 for passwords); pass usedforsecurity=False for non-security uses.",
            "\\bhashlib\\.(md5|sha1)\\s*\\(([^)]*)").when((v, m) -> !m.group(2).contains("usedforsecurity")).ifContains("hashlib"),
        CodeRule.of("py.verify-false", "TLS certificate verification disabled", "B501/S501", "CWE-295", Severity.HIGH,
            Confidence.HIGH, "Keep verify=True; point verify at a CA bundle for private certificates.",
            "\\bverify\\s*=\\s*False\\b").ifContains("verify"),
        CodeRule.of("py.hardcoded-secret", "Hardcoded password or secret", "B105/S105", "CWE-798", Severity.HIGH,
            Confidence.MEDIUM, "Read secrets from the environment or a secret store, never from source.",
            "(?i)\\b(\\w*(password|passwd|pwd|secret|api_?key|apikey|access_?key|auth_?token|private_?key)\\w*)\\s*[:=]\\s*[rb]?[\"']")
            .at(1).when((v, m) -> isRealSecret(stringValueAfter(v, m.end() - 1))),
        CodeRule.of("py.ssti", "render_template_string with a non-constant template", "S701", "CWE-1336",
            Severity.HIGH, Confidence.MEDIUM, "Render files with render_template and pass values as variables.",
            "\\brender_template_string\\s*\\(\\s*([^)\\s])").when(PythonSecurityRules::nonConstantArgument).ifContains("render_template_string"),
        CodeRule.of("py.jinja-autoescape-off", "Jinja2 autoescape disabled", "B701/S701", "CWE-79", Severity.HIGH,
            Confidence.HIGH, "Keep autoescape=True (or select_autoescape()).", "\\bautoescape\\s*=\\s*False\\b").ifContains("autoescape"),
        CodeRule.of("py.path-traversal", "File path taken from the request", "S-path", "CWE-22", Severity.HIGH,
            Confidence.MEDIUM, "Resolve the path, check it stays under a base directory, or use send_from_directory "
                + "with a fixed directory and a sanitized name.",
            "\\b(send_file|open|os\\.path\\.join)\\s*\\([^)]*\\brequest\\.(args|form|values|files|json|get_json|view_args)").ifContains("request."),
        CodeRule.of("py.insecure-random", "random used for a security value", "B311/S311", "CWE-330", Severity.LOW,
            Confidence.MEDIUM, "Use the secrets module for tokens and keys.",
            "\\brandom\\.(random|randint|choice|choices|randrange|getrandbits)\\s*\\(")
            .when((v, m) -> v.lineText(m.start()).toLowerCase(Locale.ROOT).matches(".*(token|secret|password|key|salt|nonce|otp|session).*")).ifContains("random."),
        CodeRule.of("py.mktemp", "Insecure temporary file (tempfile.mktemp)", "B306/S306", "CWE-377", Severity.MEDIUM,
            Confidence.HIGH, "Use tempfile.mkstemp or NamedTemporaryFile.", "\\btempfile\\.mktemp\\s*\\(").ifContains("mktemp"),
        CodeRule.of("py.xml-parse", "XML parsed with xml.etree (XXE, billion laughs)", "B314/S314", "CWE-611",
            Severity.MEDIUM, Confidence.MEDIUM, "Parse untrusted XML with defusedxml.",
            "(^|[^.\\w])(xml\\.etree\\.(c?ElementTree)|ET|ElementTree)\\.(parse|fromstring|XMLParser)\\s*\\(").at(2).ifContains("parse", "fromstring", "XMLParser"));
  }

  /** SQL built by formatting: an SQL literal that is an f-string or is followed by %, .format( or +. */
  public static boolean isFormattedSql(CodeView v, Token t) {
    if (t.kind() != Token.Kind.STRING || !SQL.matcher(t.content(v.source())).find()) {
      return false;
    }
    if (t.isInterpolated() && t.content(v.source()).contains("{")) {
      return true;
    }
    String after = v.code().substring(t.end(), Math.min(v.code().length(), t.end() + 40));
    String before = v.code().substring(Math.max(0, t.start() - 20), t.start());
    return FOLLOWING_FORMAT.matcher(after).find() || PRECEDING_CONCAT.matcher(before).find();
  }

  /** The content of the string literal starting at or right after {@code offset}, or null. */
  static String stringValueAfter(CodeView v, int offset) {
    for (Token t : v.tokens()) {
      if (t.kind() == Token.Kind.STRING && t.start() >= offset - 2 && t.start() <= offset + 2) {
        return t.content(v.source());
      }
      if (t.start() > offset + 2) {
        return null;
      }
    }
    return null;
  }

  static boolean isRealSecret(String value) {
    return value != null && !Placeholders.isPlaceholder(value) && !value.contains("{") && !value.contains(" ");
  }

  private static boolean nonConstantArgument(CodeView v, Matcher m) {
    int argStart = m.start(1);
    Token t = v.stringAt(argStart);
    if (t == null) {
      return true;
    }
    if (t.isInterpolated()) {
      return true;
    }
    String after = v.code().substring(t.end(), Math.min(v.code().length(), t.end() + 20)).strip();
    return !(after.startsWith(")") || after.startsWith(","));
  }
}
