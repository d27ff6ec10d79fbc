package dev.analyzer.staticanalyzer.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What of a Python file the parser needs to see. In a file without any request source (no
 * {@code request}/{@code req} name, no route decorator) no taint can start, so a function body in
 * which no rule or check could fire contributes nothing: its text is blanked to {@code pass} plus
 * spaces, keeping every newline and the total length, so every offset, line and column of the kept
 * code stays the same and the (slow, native) parse only tokenises what can matter. A body is kept
 * when it contains a candidate: the last name segment of a call rule that does not need taint
 * (a qualified one only when the file names its module), an import alias, a check's keyword
 * ({@code assert}, {@code except} with {@code pass}/{@code continue}, {@code shell}, {@code verify},
 * secret-like names, {@code import}...), {@code 0.0.0.0}, a temp path, {@code $where}, or a string
 * starting with an SQL verb. Module and class level code is always kept. Stateless and thread-safe.
 */
final class PythonFocus {

  private static final Set<String> ALWAYS = Set.of("assert", "shell", "verify", "verify_mode", "check_hostname",
      "cert_reqs", "httponly", "exec", "eval", "telnetlib", "ftplib", "pickle", "cPickle", "dill", "shelve",
      "subprocess", "xml", "lxml", "xmlrpc", "wsgiref", "Crypto", "pyghmi", "csrf_exempt");
  private static final String[] FRAGMENTS = {"passw", "passphrase", "pwd", "secret", "token", "credential",
      "apikey", "api_key", "access_key", "accesskey", "private_key", "privatekey", "signing_key", "signingkey",
      "encryption_key", "encryptionkey", "jwt_key", "jwtkey", "csrf", "session_cookie", "cookie"};
  private static final String[] LITERALS = {"0.0.0.0", "/tmp", "/var/tmp", "/dev/shm", "$where", "\u202a",
      "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"};
  private static final String[] SQL = {"select", "insert", "update", "delete", "replace", "drop", "create"};
  /** Method names ({@code *.x}) and bare names of rules that fire without taint. */
  private static final Set<String> ANY_FILE = new HashSet<>();
  /** Last segment to the module heads of the qualified names that end in it. */
  private static final Map<String, Set<String>> QUALIFIED = new HashMap<>();

  static {
    for (CallRule r : PythonRules.RULES) {
      if (r.mode() == CallRule.Mode.TAINTED) {
        continue;
      }
      for (String n : r.names()) {
        int dot = n.lastIndexOf('.');
        String last = n.substring(dot + 1);
        if (dot < 0 || n.startsWith("*.")) {
          ANY_FILE.add(last);
        } else {
          QUALIFIED.computeIfAbsent(last, k -> new HashSet<>()).add(n.substring(0, n.indexOf('.')));
        }
      }
    }
  }

  private PythonFocus() {}

  /**
   * What to parse: {@code text} (the same instance when nothing can be left out) and the char spans
   * the parser need not read (pairs {@code from, to}).
   */
  record Focus(String text, int[] skip) {}

  /** The focus for {@code text}. */
  static Focus focus(String text) {
    List<int[]> trivia = new ArrayList<>();
    List<PythonLines.Line> lines = PythonLines.of(text, trivia);
    if (lines.isEmpty()) {
      return new Focus(text, new int[0]);
    }
    if (PythonSourceScan.hasSource(text, lines)) {
      return new Focus(text, spans(trivia, List.of()));
    }
    List<int[]> masked = new ArrayList<>();
    Set<String> names = aliases(text, lines);
    for (Map.Entry<String, Set<String>> e : QUALIFIED.entrySet()) {
      for (String head : e.getValue()) {
        if (text.contains(head)) {
          names.add(e.getKey());
          break;
        }
      }
    }
    char[] out = null;
    int i = 0;
    while (i < lines.size()) {
      PythonLines.Line l = lines.get(i);
      if (!l.def() || !l.blockHeader()) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && lines.get(end).indent() > l.indent()) {
        end++;
      }
      if (end == i + 1) {
        i++;
        continue;
      }
      PythonLines.Line first = lines.get(i + 1);
      int from = first.start();
      int to = lines.get(end - 1).end();
      int nl = first.codeStart();
      while (nl < text.length() && text.charAt(nl) != '\n' && text.charAt(nl) != '\r') {
        nl++;
      }
      int room = nl - first.codeStart();
      if (room >= 4 && !candidate(text, from, to, names)) {
        if (out == null) {
          out = text.toCharArray();
        }
        for (int k = from; k < to; k++) {
          char c = out[k];
          if (c != '\n' && c != '\r' && k >= first.codeStart()) {
            out[k] = ' ';
          }
        }
        "pass".getChars(0, 4, out, first.codeStart());
        masked.add(new int[] {from, to, first.codeStart()});
        i = end;
      } else {
        i++;
      }
    }
    return new Focus(out == null ? text : new String(out), spans(trivia, masked));
  }

  /**
   * The sorted spans to skip: each masked body after its {@code pass}, and the trivia spans outside
   * the masked bodies.
   */
  private static int[] spans(List<int[]> trivia, List<int[]> masked) {
    List<int[]> all = new ArrayList<>(trivia.size() + masked.size());
    int m = 0;
    trivia.sort((a, b) -> Integer.compare(a[0], b[0]));
    for (int[] t : trivia) {
      while (m < masked.size() && masked.get(m)[1] <= t[0]) {
        m++;
      }
      if (m < masked.size() && masked.get(m)[0] < t[1]) {
        continue;
      }
      all.add(t);
    }
    for (int[] b : masked) {
      all.add(new int[] {b[2] + 4, b[1]});
    }
    all.sort((a, b) -> Integer.compare(a[0], b[0]));
    IntList out = new IntList();
    int last = -1;
    for (int[] a : all) {
      if (a[1] > a[0] && a[0] >= last) {
        out.add(a[0]);
        out.add(a[1]);
        last = a[1];
      }
    }
    return out.toArray();
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] a = new int[16];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }

  /** Local names of rule functions imported under another name ({@code from m import Popen as P}). */
  private static Set<String> aliases(String text, List<PythonLines.Line> lines) {
    Set<String> out = new HashSet<>();
    for (PythonLines.Line l : lines) {
      if (!text.startsWith("from ", l.codeStart()) && !text.startsWith("import ", l.codeStart())) {
        continue;
      }
      String[] words = text.substring(l.codeStart(), l.end()).split("[^\\w]+");
      for (int k = 1; k + 1 < words.length; k++) {
        if (words[k].equals("as") && (ANY_FILE.contains(words[k - 1]) || QUALIFIED.containsKey(words[k - 1]))) {
          out.add(words[k + 1]);
        }
      }
    }
    return out;
  }

  /**
   * True when {@code text[from, to)} holds anything a rule or check could fire on; {@code names} are
   * the file's import aliases of rule functions and the last segments of the qualified rule names
   * whose module the file mentions.
   */
  static boolean candidate(String text, int from, int to, Set<String> names) {
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (Character.isJavaIdentifierStart(c)) {
        int j = i + 1;
        while (j < to && Character.isJavaIdentifierPart(text.charAt(j))) {
          j++;
        }
        String word = text.substring(i, j);
        if (ALWAYS.contains(word) || ANY_FILE.contains(word) || names.contains(word)
            || word.equals("except") && swallows(text, j, to) || word.equals("import") && aliased(text, j, to)
            || word.equalsIgnoreCase("debug") && setTrue(text, j, to) || fragment(word) && quoteFollows(text, j, to)) {
          return true;
        }
        i = j;
        continue;
      }
      if ((c == '"' || c == '\'') && sqlStart(text, i + 1, to)) {
        return true;
      }
      if (c == '0' || c == '/' || c == '$' || c >= '\u202a' && c <= '\u2069') {
        for (String lit : LITERALS) {
          if (text.startsWith(lit, i)) {
            return true;
          }
        }
      }
      i++;
    }
    return false;
  }

  /** After {@code except}: its clause's first statement is {@code pass} or {@code continue}. */
  private static boolean swallows(String text, int i, int to) {
    int limit = Math.min(to, i + 400);
    int colon = text.indexOf(':', i);
    if (colon < 0 || colon >= limit) {
      return false;
    }
    int k = colon + 1;
    while (k < to) {
      char c = text.charAt(k);
      if (c == '#') {
        while (k < to && text.charAt(k) != '\n') {
          k++;
        }
      } else if (Character.isWhitespace(c)) {
        k++;
      } else {
        break;
      }
    }
    return text.startsWith("pass", k) || text.startsWith("continue", k);
  }

  /** After {@code import}: {@code as} on the same line (a local alias other code may resolve through). */
  private static boolean aliased(String text, int i, int to) {
    int k = i;
    while (k < to && text.charAt(k) != '\n' && text.charAt(k) != ';') {
      if (text.startsWith(" as ", k) || text.startsWith("\tas ", k) || text.charAt(k) == '(' || text.charAt(k) == '\\') {
        return true;
      }
      k++;
    }
    return false;
  }

  /** After a name: {@code = True} (or a subscript key's closing quote and bracket first). */
  private static boolean setTrue(String text, int i, int to) {
    int k = i;
    while (k < to && (text.charAt(k) == '"' || text.charAt(k) == '\'' || text.charAt(k) == ']'
        || text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    if (k >= to || text.charAt(k) != '=' || k + 1 < to && text.charAt(k + 1) == '=') {
      return false;
    }
    k++;
    while (k < to && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    return text.startsWith("True", k) || text.startsWith("1", k);
  }

  /** A quote later on the same physical line (a literal value near a secret-like name). */
  private static boolean quoteFollows(String text, int i, int to) {
    for (int k = i; k < to; k++) {
      char c = text.charAt(k);
      if (c == '\n') {
        return false;
      }
      if (c == '"' || c == '\'') {
        return true;
      }
    }
    return false;
  }

  private static boolean fragment(String word) {
    if (word.length() < 3) {
      return false;
    }
    String w = word.toLowerCase(Locale.ROOT);
    for (String f : FRAGMENTS) {
      if (w.contains(f)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sqlStart(String text, int i, int to) {
    while (i < to && (text.charAt(i) == '"' || text.charAt(i) == '\'' || Character.isWhitespace(text.charAt(i)))) {
      i++;
    }
    for (String s : SQL) {
      if (text.regionMatches(true, i, s, 0, s.length())) {
        return true;
      }
    }
    return false;
  }
}
