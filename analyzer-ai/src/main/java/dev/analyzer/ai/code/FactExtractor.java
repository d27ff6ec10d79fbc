package dev.analyzer.ai.code;

import static dev.analyzer.ai.code.FactPatterns.AUTH;
import static dev.analyzer.ai.code.FactPatterns.ERRORS;
import static dev.analyzer.ai.code.FactPatterns.PERSIST;
import static dev.analyzer.ai.code.FactPatterns.VALIDATION;

import dev.analyzer.ai.code.CodeFact.Kind;
import dev.analyzer.ai.requirements.Requirement.RouteRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Extracts {@link CodeFact}s from an app line by line with patterns: Flask, FastAPI and Express
 * routes (blueprint and router prefixes applied), React Router routes, SQLAlchemy/Pydantic/Django
 * models and their fields, SQL tables, auth and validation signals, error handling, persistence,
 * forms, fetch/axios calls, tests and UI elements. Patterns, not parsers: a route built from a
 * variable or a field declared in a loop is not seen. Stateless.
 */
public final class FactExtractor {

  private FactExtractor() {}

  /** Every fact of {@code app}, in file and line order. */
  public static List<CodeFact> extract(AppSource app) {
    return extract(app, () -> false);
  }

  /**
   * Every fact of {@code app}, checking {@code stop} before each file.
   *
   * @throws IndexingStopped once {@code stop} is true (cancelled or past the deadline)
   */
  public static List<CodeFact> extract(AppSource app, BooleanSupplier stop) {
    IndexingStopped.check(stop);
    Map<String, String> prefixes = PythonFacts.pythonPrefixes(app);
    IndexingStopped.check(stop);
    Map<String, String> fileMounts = ScriptFacts.expressFileMounts(app);
    List<CodeFact> out = new ArrayList<>();
    for (SourceFile f : app.files()) {
      IndexingStopped.check(stop);
      if (f.isPython()) {
        PythonFacts.python(f, prefixes, out);
      } else if (f.isScript() || f.path().endsWith(".html") || f.path().endsWith(".vue")) {
        ScriptFacts.script(f, fileMounts.get(f.path()), out);
      }
    }
    return out;
  }

  static void common(SourceFile f, int n, String t, List<CodeFact> out) {
    if (AUTH.matcher(t).find()) {
      add(out, Kind.AUTH, f, n, "authentication " + Words.phrase(t.replaceAll("[^\\w ]+", " ")), t);
    }
    if (VALIDATION.matcher(t).find()) {
      add(out, Kind.VALIDATION, f, n, "input validation " + Words.phrase(t.replaceAll("[^\\w ]+", " ")), t);
    }
    if (ERRORS.matcher(t).find()) {
      add(out, Kind.ERROR_HANDLING, f, n, "error handling", t);
    }
    if (PERSIST.matcher(t).find()) {
      add(out, Kind.PERSISTENCE, f, n, "persistence " + Words.phrase(t.replaceAll("[^\\w ]+", " ")), t);
    }
  }

  static void route(SourceFile f, int n, String method, String path, String handler, List<CodeFact> out) {
    add(out, Kind.ROUTE, f, n, "route " + method + " " + RouteRef.normalize(path) + " " + verb(method) + " "
        + Words.phrase(path) + " " + Words.phrase(handler), f.line(n).strip());
  }

  private static String verb(String method) {
    return switch (method) {
      case "GET" -> "list get read";
      case "POST" -> "create add";
      case "PUT", "PATCH" -> "update edit";
      case "DELETE" -> "delete remove";
      default -> "";
    };
  }

  static String join(String prefix, String path) {
    if (prefix == null || prefix.isEmpty()) {
      return path.isEmpty() ? "/" : path;
    }
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return path.isEmpty() || path.equals("/") ? p : p + (path.startsWith("/") ? path : "/" + path);
  }

  static void add(List<CodeFact> out, Kind kind, SourceFile f, int n, String summary, String snippet) {
    out.add(new CodeFact(kind, f.path(), n, summary.replaceAll("\\s+", " ").strip(), snippet));
  }
}
