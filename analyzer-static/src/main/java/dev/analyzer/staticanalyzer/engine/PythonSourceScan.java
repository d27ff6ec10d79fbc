package dev.analyzer.staticanalyzer.engine;

import java.util.List;
import java.util.Set;

/**
 * Whether taint can start in a Python file, judged from its text and logical lines before any parse
 * (see {@link PythonFocus}). Stateless.
 */
final class PythonSourceScan {

  private static final Set<String> NAMES = Set.of("request", "req");

  private PythonSourceScan() {}

  /**
   * True when taint may start in the file: {@code request}/{@code req} followed by a request attribute
   * or method, a function whose first parameter is {@code request}, or a decorator line calling a
   * route registration ({@code @app.route(}, {@code @router.get(}...). Then everything is parsed.
   */
  static boolean hasSource(String text, List<PythonLines.Line> lines) {
    int n = text.length();
    for (String name : NAMES) {
      for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
        int j = i + name.length();
        if (i > 0 && Character.isJavaIdentifierPart(text.charAt(i - 1)) || j >= n || text.charAt(j) != '.') {
          continue;
        }
        int k = j + 1;
        while (k < n && Character.isJavaIdentifierPart(text.charAt(k))) {
          k++;
        }
        String attr = text.substring(j + 1, k);
        if (PythonWalker.REQUEST_ATTRS.contains(attr) || PythonWalker.REQUEST_METHODS.contains(attr)) {
          return true;
        }
      }
    }
    for (PythonLines.Line l : lines) {
      String code = text.substring(l.codeStart(), Math.min(l.end(), l.codeStart() + 2000));
      if (l.def() && firstParamIsRequest(code)) {
        return true;
      }
      if (code.startsWith("@")) {
        for (String d : PythonDefinitions.ROUTE_DECORATORS) {
          if (code.contains("." + d + "(")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean firstParamIsRequest(String def) {
    int open = def.indexOf('(');
    if (open < 0) {
      return false;
    }
    String[] params = def.substring(open + 1).split(",", 3);
    for (int k = 0; k < params.length && k < 2; k++) {
      String p = params[k].strip();
      int end = 0;
      while (end < p.length() && Character.isJavaIdentifierPart(p.charAt(end))) {
        end++;
      }
      String name = p.substring(0, end);
      if (k == 0 && (name.equals("self") || name.equals("cls"))) {
        continue;
      }
      return name.equals("request");
    }
    return false;
  }

}
