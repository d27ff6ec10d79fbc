package dev.analyzer.ai.code;

import dev.analyzer.ai.code.CodeFact.Kind;
import dev.analyzer.ai.requirements.Requirement.RouteRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts {@link CodeFact}s from an app line by line with patterns: Flask, FastAPI and Express
 * routes (blueprint and router prefixes applied), React Router routes, SQLAlchemy/Pydantic/Django
 * models and their fields, SQL tables, auth and validation signals, error handling, persistence,
 * forms, fetch/axios calls, tests and UI elements. Patterns, not parsers: a route built from a
 * variable or a field declared in a loop is not seen. Stateless.
 */
public final class FactExtractor {

  private static final Pattern FLASK_ROUTE = Pattern.compile("@(\\w+)\\.route\\(\\s*[rf]?['\"]([^'\"]*)['\"](.*)");
  private static final Pattern VERB_ROUTE = Pattern.compile(
      "@(\\w+)\\.(get|post|put|patch|delete)\\(\\s*[rf]?['\"]([^'\"]*)['\"]");
  private static final Pattern METHODS = Pattern.compile("['\"](GET|POST|PUT|PATCH|DELETE)['\"]", Pattern.CASE_INSENSITIVE);
  private static final Pattern PY_PREFIX = Pattern.compile(
      "(\\w+)\\s*=\\s*(?:Blueprint|APIRouter)\\((.*?)(?:url_)?prefix\\s*=\\s*['\"]([^'\"]+)['\"]");
  private static final Pattern REGISTER_PREFIX = Pattern.compile(
      "(?:register_blueprint|include_router)\\(\\s*(\\w+).*?(?:url_)?prefix\\s*=\\s*['\"]([^'\"]+)['\"]");
  private static final Pattern EXPRESS_ROUTE = Pattern.compile(
      "\\b(app|router|server|api|\\w+Router)\\.(get|post|put|patch|delete)\\(\\s*['\"`]([^'\"`]+)['\"`]");
  private static final Pattern EXPRESS_USE = Pattern.compile("\\.use\\(\\s*['\"`](/[^'\"`]*)['\"`]\\s*,\\s*(\\w+)");
  private static final Pattern JS_IMPORT = Pattern.compile(
      "(?:const|let|var|import)\\s+(\\w+)\\s*(?:=\\s*require\\(|from\\s*)\\s*['\"](\\.{1,2}/[^'\"]+)['\"]");
  private static final Pattern REACT_ROUTE = Pattern.compile("<Route\\b[^>]*\\bpath=[{]?['\"`]([^'\"`]+)['\"`]");
  private static final Pattern ROUTE_OBJECT = Pattern.compile("\\bpath:\\s*['\"`](/[^'\"`]*)['\"`]");
  private static final Pattern PY_MODEL = Pattern.compile(
      "^class\\s+(\\w+)\\s*\\(\\s*(db\\.Model|Base|BaseModel|models\\.Model|SQLModel|DeclarativeBase|Document)\\b");
  private static final Pattern PY_FIELD = Pattern.compile(
      "^\\s+(\\w+)\\s*(?::\\s*[\\w\\[\\], .|]+)?\\s*=\\s*(?:db\\.|models\\.|sa\\.)?(Column|Field|relationship|mapped_column|\\w+Field)\\b(.*)");
  private static final Pattern PY_ANNOTATED = Pattern.compile("^\\s+(\\w+)\\s*:\\s*([\\w\\[\\], .|]+?)\\s*(?:=.*)?$");
  private static final Pattern SQL_TABLE = Pattern.compile("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?[`\"]?(\\w+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SQL_COLUMN = Pattern.compile(
      "^\\s*[`\"]?(\\w+)[`\"]?\\s+(INTEGER|INT|TEXT|VARCHAR\\S*|BOOLEAN|BOOL|REAL|FLOAT|TIMESTAMP|DATETIME|DATE|NUMERIC|BLOB)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern MONGOOSE = Pattern.compile("new\\s+(?:mongoose\\.)?Schema\\(");
  private static final Pattern AUTH = Pattern.compile("(login_required|jwt_required|token_required|auth_required|"
      + "require_auth|requires_auth|admin_required|check_password_hash|generate_password_hash|bcrypt|argon2|"
      + "jwt\\.(?:encode|decode|sign|verify)|create_access_token|get_jwt_identity|current_user|is_admin|"
      + "Authorization|Bearer|session\\[|verify_password|hash_password|passport\\.|isAuthenticated|localStorage\\.\\w+\\(\\s*['\"]token)");
  private static final Pattern VALIDATION = Pattern.compile("(if\\s+not\\s+\\w+(?:\\.get\\(|\\[|\\s|:)|,\\s*400\\b|"
      + "abort\\(400|status_code\\s*=\\s*4(?:00|22)|ValidationError|validate\\w*\\(|@validator|field_validator|"
      + "max_length|min_length|maxLength|minLength|required[=:]|\\brequired\\b|len\\([^)]*\\)\\s*[<>]|isinstance\\(|"
      + "\\.strip\\(\\)|\\.trim\\(\\)|\\.status\\(400\\))");
  private static final Pattern ERRORS = Pattern.compile("^\\s*(try\\s*:|except\\b|try\\s*\\{|\\}\\s*catch\\b|catch\\s*\\()"
      + "|\\.catch\\(|@\\w+\\.errorhandler|\\bexception_handler\\b|rollback\\(");
  private static final Pattern PERSIST = Pattern.compile("(db\\.session\\.(?:add|commit|delete)|sqlite3\\.connect|"
      + "\\.execute\\(|\\.query\\.|session\\.add|\\.save\\(\\)|\\.objects\\.|\\.find(?:One|ById)?\\(|\\.insert\\w*\\()");
  private static final Pattern FETCH = Pattern.compile("\\bfetch\\(\\s*[`'\"]([^`'\"]+)[`'\"]");
  private static final Pattern AXIOS = Pattern.compile("\\b(axios|api|client|http)\\.(get|post|put|patch|delete)\\(\\s*[`'\"]([^`'\"]+)[`'\"]");
  private static final Pattern FETCH_METHOD = Pattern.compile("method:\\s*['\"](\\w+)['\"]");
  private static final Pattern FORM = Pattern.compile("(<form\\b|onSubmit=|<input\\b|<textarea\\b|<select\\b)");
  private static final Pattern INPUT_NAME = Pattern.compile("\\b(?:name|placeholder|type|aria-label)=[{]?['\"]([^'\"]+)['\"]");
  private static final Pattern BUTTON = Pattern.compile("<button\\b[^>]*>\\s*([^<{]{2,60})");
  private static final Pattern JSX_TEXT = Pattern.compile(">\\s*([A-Za-z][^<>{}]{2,80}?)\\s*<");
  private static final Pattern STATE = Pattern.compile("const\\s*\\[\\s*(\\w+)\\s*,\\s*set\\w*\\s*]\\s*=\\s*useState");
  private static final Pattern UI_WORDS = Pattern.compile("(?i)\\b(filter|search|sort|paginat\\w*|modal|dialog|tabs?|"
      + "checkbox|toggle|drag|chart|websocket|socket\\.io|localStorage|dark ?mode|toast|spinner|loading)\\b");
  private static final Pattern PY_TEST = Pattern.compile("^\\s*(?:async\\s+)?def\\s+(test_\\w+)");
  private static final Pattern JS_TEST = Pattern.compile("^\\s*(?:it|test)\\(\\s*['\"`]([^'\"`]+)");

  private FactExtractor() {}

  /** Every fact of {@code app}, in file and line order. */
  public static List<CodeFact> extract(AppSource app) {
    Map<String, String> prefixes = pythonPrefixes(app);
    Map<String, String> fileMounts = expressFileMounts(app);
    List<CodeFact> out = new ArrayList<>();
    for (SourceFile f : app.files()) {
      if (f.isPython()) {
        python(f, prefixes, out);
      } else if (f.isScript() || f.path().endsWith(".html") || f.path().endsWith(".vue")) {
        script(f, fileMounts.get(f.path()), out);
      }
    }
    return out;
  }

  /**
   * Prefixes of Express routers defined in other files: {@code const r = require('./routes/notes')}
   * (or {@code import r from ...}) plus {@code app.use('/api/notes', r)} mounts every route of
   * {@code routes/notes.js} under {@code /api/notes}.
   */
  private static Map<String, String> expressFileMounts(AppSource app) {
    Map<String, String> out = new HashMap<>();
    for (SourceFile f : app.files()) {
      if (!f.isScript()) {
        continue;
      }
      Map<String, String> imported = new HashMap<>();
      for (String line : f.lines()) {
        Matcher m = JS_IMPORT.matcher(line);
        if (m.find()) {
          imported.put(m.group(1), m.group(2));
        }
      }
      for (String line : f.lines()) {
        Matcher u = EXPRESS_USE.matcher(line);
        if (u.find() && imported.containsKey(u.group(2))) {
          String dir = f.path().contains("/") ? f.path().substring(0, f.path().lastIndexOf('/')) : "";
          String target = java.nio.file.Path.of(dir.isEmpty() ? "." : dir).resolve(imported.get(u.group(2))).normalize()
              .toString().replace('\\', '/');
          for (String ext : List.of("", ".js", ".ts", ".mjs", "/index.js", "/index.ts")) {
            out.put(target + ext, u.group(1));
          }
        }
      }
    }
    return out;
  }

  private static Map<String, String> pythonPrefixes(AppSource app) {
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

  private static void python(SourceFile f, Map<String, String> prefixes, List<CodeFact> out) {
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

  private static void script(SourceFile f, String fileMount, List<CodeFact> out) {
    Map<String, String> mounts = new HashMap<>();
    for (String line : f.lines()) {
      Matcher u = EXPRESS_USE.matcher(line);
      if (u.find()) {
        mounts.put(u.group(2), u.group(1));
      }
    }
    for (int i = 0; i < f.lines().size(); i++) {
      String t = f.lines().get(i).strip();
      int n = i + 1;
      if (t.startsWith("//") || t.startsWith("*")) {
        continue;
      }
      Matcher m;
      if ((m = EXPRESS_ROUTE.matcher(t)).find() && m.group(3).startsWith("/")) {
        String prefix = mounts.containsKey(m.group(1)) ? mounts.get(m.group(1))
            : m.group(1).equals("app") || m.group(1).equals("server") ? null : fileMount;
        route(f, n, m.group(2).toUpperCase(Locale.ROOT), join(prefix, m.group(3)), "", out);
      }
      if ((m = REACT_ROUTE.matcher(t)).find() || (m = ROUTE_OBJECT.matcher(t)).find()) {
        add(out, Kind.CLIENT_ROUTE, f, n, "page route " + m.group(1) + " " + Words.phrase(m.group(1)) + " "
            + Words.phrase(t.replaceAll(".*element=\\{?<(\\w+).*", "$1")), t);
      }
      if ((m = FETCH.matcher(t)).find() || (m = AXIOS.matcher(t)).find()) {
        String url = m.groupCount() == 3 ? m.group(3) : m.group(1);
        String method = m.groupCount() == 3 ? m.group(2).toUpperCase(Locale.ROOT) : fetchMethod(f, i);
        add(out, Kind.FETCH, f, n, "calls " + method + " " + RouteRef.normalize(url.replaceAll("\\$\\{[^}]*}", "{}"))
            + " " + Words.phrase(url), t);
      }
      if ((m = MONGOOSE.matcher(t)).find()) {
        add(out, Kind.MODEL, f, n, "data model schema " + Words.phrase(t.replaceAll("=.*", "")), t);
      }
      if ((m = FORM.matcher(t)).find()) {
        StringBuilder what = new StringBuilder("form ").append(m.group(1).replaceAll("[<=]", ""));
        Matcher in = INPUT_NAME.matcher(t);
        while (in.find()) {
          what.append(' ').append(Words.phrase(in.group(1)));
        }
        add(out, Kind.FORM, f, n, what.toString(), t);
      }
      if ((m = BUTTON.matcher(t)).find()) {
        add(out, Kind.UI, f, n, "button " + m.group(1).strip(), t);
      } else if ((m = STATE.matcher(t)).find()) {
        add(out, Kind.UI, f, n, "ui state " + Words.phrase(m.group(1)), t);
      } else if ((m = UI_WORDS.matcher(t)).find() || (m = JSX_TEXT.matcher(t)).find()) {
        add(out, Kind.UI, f, n, "ui " + Words.phrase(t.replaceAll("[^\\w ]+", " ")), t);
      }
      if ((m = JS_TEST.matcher(t)).find()) {
        add(out, Kind.TEST, f, n, "test " + m.group(1), t);
      }
      common(f, n, t, out);
    }
  }

  private static void common(SourceFile f, int n, String t, List<CodeFact> out) {
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

  private static void route(SourceFile f, int n, String method, String path, String handler, List<CodeFact> out) {
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

  /** The name of the function a decorator at {@code i} decorates. */
  private static String handler(SourceFile f, int i) {
    for (int j = i + 1; j < Math.min(f.lines().size(), i + 6); j++) {
      Matcher m = Pattern.compile("^\\s*(?:async\\s+)?def\\s+(\\w+)").matcher(f.lines().get(j));
      if (m.find()) {
        return m.group(1);
      }
    }
    return "";
  }

  private static String fetchMethod(SourceFile f, int i) {
    for (int j = i; j < Math.min(f.lines().size(), i + 5); j++) {
      Matcher m = FETCH_METHOD.matcher(f.lines().get(j));
      if (m.find()) {
        return m.group(1).toUpperCase(Locale.ROOT);
      }
    }
    return "GET";
  }

  private static String join(String prefix, String path) {
    if (prefix == null || prefix.isEmpty()) {
      return path.isEmpty() ? "/" : path;
    }
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return path.isEmpty() || path.equals("/") ? p : p + (path.startsWith("/") ? path : "/" + path);
  }

  private static void add(List<CodeFact> out, Kind kind, SourceFile f, int n, String summary, String snippet) {
    out.add(new CodeFact(kind, f.path(), n, summary.replaceAll("\\s+", " ").strip(), snippet));
  }
}
