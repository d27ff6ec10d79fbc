package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unescaped output in template files, line by line: Jinja/Django {@code |safe} and
 * {@code {% autoescape false %}} (templates under {@code templates/}, for {@code python-security}),
 * EJS {@code <%-}, Handlebars/Mustache {@code {{{ }}}}, Pug {@code !{} / !=}, Vue {@code v-html}
 * (for {@code js-security}). Template comments are not stripped; a template is not a program, so these
 * are medium-confidence pointers to review. Stateless.
 */
public final class TemplateChecks {

  private static Rule rule(String id, Severity s, String title, String fix) {
    return new Rule(id, "xss", "CWE-79", title, s, Confidence.MEDIUM, fix, id);
  }

  static final Rule JINJA_SAFE = rule("py.template-safe-filter", Severity.MEDIUM,
      "Template marks a value safe (|safe): no escaping", "Drop |safe, or sanitize the value before marking it safe.");
  static final Rule JINJA_OFF = rule("py.template-autoescape-off", Severity.HIGH, "Template switches autoescape off",
      "Keep autoescaping on.");
  static final Rule EJS = rule("js.ejs-unescaped", Severity.MEDIUM, "EJS unescaped output (<%-)",
      "Use <%= %> for data; <%- only for trusted HTML.");
  static final Rule HBS = rule("js.handlebars-triple-stash", Severity.MEDIUM, "Handlebars/Mustache unescaped output ({{{ }}})",
      "Use {{ }} for data.");
  static final Rule PUG = rule("js.pug-unescaped", Severity.MEDIUM, "Pug unescaped output (!{} or !=)",
      "Use #{} or = for data.");
  static final Rule VUE = rule("js.vue-v-html", Severity.MEDIUM, "Vue v-html renders raw HTML",
      "Render text with {{ }}, or sanitize with DOMPurify.");

  private static final Pattern SAFE = Pattern.compile("\\{\\{[^}]*\\|\\s*safe\\b");
  private static final Pattern AUTOESCAPE = Pattern.compile("\\{%-?\\s*autoescape\\s+(false|off)\\b");
  private static final Pattern EJS_RAW = Pattern.compile("<%-(?!\\s*include\\b)");
  private static final Pattern TRIPLE = Pattern.compile("\\{\\{\\{(?!\\s*[>!#/])");
  private static final Pattern PUG_RAW = Pattern.compile("!\\{|^\\s*[\\w.#-]+(\\([^)]*\\))?!=");
  private static final Pattern V_HTML = Pattern.compile("\\bv-html\\s*=");

  private TemplateChecks() {}

  /** A Jinja/Django template: an HTML or Jinja file under a {@code templates/} directory. */
  public static boolean isPythonTemplate(String path) {
    String p = "/" + path.toLowerCase(Locale.ROOT);
    return p.contains("/templates/") && (p.endsWith(".html") || p.endsWith(".htm") || p.endsWith(".jinja")
        || p.endsWith(".jinja2") || p.endsWith(".j2") || p.endsWith(".txt"));
  }

  /** An EJS, Handlebars, Mustache, Pug/Jade or Vue file, or HTML under {@code views/}. */
  public static boolean isJsTemplate(String path) {
    String p = "/" + path.toLowerCase(Locale.ROOT);
    return p.endsWith(".ejs") || p.endsWith(".hbs") || p.endsWith(".handlebars") || p.endsWith(".mustache")
        || p.endsWith(".pug") || p.endsWith(".jade") || p.endsWith(".vue")
        || p.contains("/views/") && (p.endsWith(".html") || p.endsWith(".htm"));
  }

  static List<Hit> scan(String path, String text) {
    boolean python = isPythonTemplate(path);
    String p = path.toLowerCase(Locale.ROOT);
    List<Hit> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length && i < 50_000; i++) {
      String l = lines[i].length() > 4000 ? lines[i].substring(0, 4000) : lines[i];
      if (python) {
        find(out, JINJA_SAFE, SAFE, l, i + 1);
        find(out, JINJA_OFF, AUTOESCAPE, l, i + 1);
      } else {
        if (p.endsWith(".ejs") || p.endsWith(".html")) {
          find(out, EJS, EJS_RAW, l, i + 1);
        }
        if (p.endsWith(".hbs") || p.endsWith(".handlebars") || p.endsWith(".mustache") || p.endsWith(".html")) {
          find(out, HBS, TRIPLE, l, i + 1);
        }
        if (p.endsWith(".pug") || p.endsWith(".jade")) {
          find(out, PUG, PUG_RAW, l, i + 1);
        }
        if (p.endsWith(".vue") || p.endsWith(".html")) {
          find(out, VUE, V_HTML, l, i + 1);
        }
      }
    }
    return out;
  }

  private static void find(List<Hit> out, Rule r, Pattern p, String line, int n) {
    Matcher m = p.matcher(line);
    if (m.find()) {
      String ev = line.strip();
      out.add(new Hit(r, n, m.start() + 1, r.confidence(), List.of(), ev.length() > 200 ? ev.substring(0, 200) : ev));
    }
  }
}
