package dev.analyzer.ai.code;

import static dev.analyzer.ai.code.FactExtractor.add;
import static dev.analyzer.ai.code.FactExtractor.common;
import static dev.analyzer.ai.code.FactExtractor.join;
import static dev.analyzer.ai.code.FactExtractor.route;
import static dev.analyzer.ai.code.FactPatterns.*;

import dev.analyzer.ai.code.CodeFact.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/** Facts of Python files: Flask/FastAPI routes with prefixes, models and fields, SQL tables, tests. Stateless. */
final class PythonFacts {

  private PythonFacts() {}

  static Map<String, String> pythonPrefixes(AppSource app) {
    Map<String, String> prefixes = new HashMap<>();
    for (SourceFile f : app.files()) {
      if (!f.isPython()) {
        continue;
      }
      for (String line : f.lines()) {
        Matcher m = PY_PREFIX.matcher(line);
        if (m.find()) {
          prefixes.put(m.group(1), m.group(3));
        }
        Matcher r = REGISTER_PREFIX.matcher(line);
        if (r.find()) {
          prefixes.put(r.group(1), r.group(2));
        }
      }
    }
    return prefixes;
  }

  static void python(SourceFile f, Map<String, String> prefixes, List<CodeFact> out) {
    String model = null;
    boolean inTable = false;
    for (int i = 0; i < f.lines().size(); i++) {
      String line = f.lines().get(i);
      String t = line.strip();
      int n = i + 1;
      if (t.startsWith("#")) {
        continue;
      }
      Matcher m;
      if ((m = FLASK_ROUTE.matcher(t)).find()) {
        List<String> methods = new ArrayList<>();
        Matcher mm = METHODS.matcher(m.group(3));
        while (mm.find()) {
          methods.add(mm.group(1).toUpperCase(Locale.ROOT));
        }
        for (String method : methods.isEmpty() ? List.of("GET") : methods) {
          route(f, n, method, join(prefixes.get(m.group(1)), m.group(2)), handler(f, i), out);
        }
      } else if ((m = VERB_ROUTE.matcher(t)).find()) {
        route(f, n, m.group(2).toUpperCase(Locale.ROOT), join(prefixes.get(m.group(1)), m.group(3)), handler(f, i), out);
      }
      if ((m = PY_MODEL.matcher(line)).find()) {
        model = m.group(1);
        add(out, Kind.MODEL, f, n, "data model " + Words.phrase(model) + " (" + m.group(2) + ")", t);
        continue;
      }
      if (model != null && !line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        model = null;
      }
      if (model != null) {
        Matcher fm = PY_FIELD.matcher(line);
        Matcher am = PY_ANNOTATED.matcher(line);
        if (fm.find() && !fm.group(1).startsWith("__")) {
          String attrs = fm.group(3).toLowerCase(Locale.ROOT);
          add(out, Kind.FIELD, f, n, "field " + Words.phrase(fm.group(1)) + " of " + Words.phrase(model)
              + (attrs.contains("nullable=false") || attrs.contains("...") ? " required" : "")
              + (attrs.contains("default") ? " with default" : ""), t);
        } else if (am.find() && !am.group(1).startsWith("__") && !t.startsWith("def ") && !t.startsWith("return")) {
          add(out, Kind.FIELD, f, n, "field " + Words.phrase(am.group(1)) + " of " + Words.phrase(model) + " type "
              + am.group(2).strip(), t);
        }
      }
      common(f, n, t, out);
      if ((m = SQL_TABLE.matcher(t)).find()) {
        add(out, Kind.MODEL, f, n, "database table " + Words.phrase(m.group(1)), t);
        model = null;
        inTable = true;
      } else if (inTable) {
        Matcher c = SQL_COLUMN.matcher(t);
        if (c.find()) {
          add(out, Kind.FIELD, f, n, "column " + Words.phrase(c.group(1)) + " " + c.group(2).toLowerCase(Locale.ROOT)
              + (t.toUpperCase(Locale.ROOT).contains("NOT NULL") ? " required" : ""), t);
        }
        if (t.contains(")") && !t.contains("(")) {
          inTable = t.endsWith(",");
        }
      }
      if ((m = PY_TEST.matcher(line)).find()) {
        add(out, Kind.TEST, f, n, "test " + Words.phrase(m.group(1)), t);
      }
    }
  }

  /** The name of the function a decorator at {@code i} decorates. */
  static String handler(SourceFile f, int i) {
    for (int j = i + 1; j < Math.min(f.lines().size(), i + 6); j++) {
      Matcher m = PY_DEF_NAME.matcher(f.lines().get(j));
      if (m.find()) {
        return m.group(1);
      }
    }
    return "";
  }
}
