package dev.analyzer.ai.code;

import static dev.analyzer.ai.code.FactExtractor.add;
import static dev.analyzer.ai.code.FactExtractor.common;
import static dev.analyzer.ai.code.FactExtractor.join;
import static dev.analyzer.ai.code.FactExtractor.route;
import static dev.analyzer.ai.code.FactPatterns.*;

import dev.analyzer.ai.code.CodeFact.Kind;
import dev.analyzer.ai.requirements.Requirement.RouteRef;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/** Facts of JavaScript/TypeScript/HTML files: Express routes with mounts, React routes, fetch calls, forms, UI, tests. Stateless. */
final class ScriptFacts {

  private ScriptFacts() {}

  /**
   * Prefixes of Express routers defined in other files: {@code const r = require('./routes/notes')}
   * (or {@code import r from ...}) plus {@code app.use('/api/notes', r)} mounts every route of
   * {@code routes/notes.js} under {@code /api/notes}.
   */
  static Map<String, String> expressFileMounts(AppSource app) {
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

  static void script(SourceFile f, String fileMount, List<CodeFact> out) {
    Map<String, String> mounts = new HashMap<>();
    java.util.Set<String> routers = new java.util.HashSet<>(SERVER_NAMES);
    for (String line : f.lines()) {
      Matcher u = EXPRESS_USE.matcher(line);
      if (u.find()) {
        mounts.put(u.group(2), u.group(1));
      }
      Matcher d = ROUTER_DECL.matcher(line);
      if (d.find()) {
        routers.add(d.group(1));
      }
    }
    boolean serverSide = !isUiFile(f.path());
    for (int i = 0; i < f.lines().size(); i++) {
      String t = f.lines().get(i).strip();
      int n = i + 1;
      if (t.startsWith("//") || t.startsWith("*")) {
        continue;
      }
      Matcher m;
      if (serverSide && (m = EXPRESS_ROUTE.matcher(t)).find() && m.group(3).startsWith("/")
          && (routers.contains(m.group(1)) || m.group(1).endsWith("Router"))) {
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

  static String fetchMethod(SourceFile f, int i) {
    for (int j = i; j < Math.min(f.lines().size(), i + 5); j++) {
      Matcher m = FETCH_METHOD.matcher(f.lines().get(j));
      if (m.find()) {
        return m.group(1).toUpperCase(Locale.ROOT);
      }
    }
    return "GET";
  }

  /** Frontend files: their {@code x.get('/path')} calls are HTTP clients, not routes. */
  static boolean isUiFile(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.startsWith("frontend/") || p.startsWith("client/") || p.contains("/components/") || p.endsWith(".jsx")
        || p.endsWith(".tsx") || p.endsWith(".vue") || p.endsWith(".html");
  }
}
