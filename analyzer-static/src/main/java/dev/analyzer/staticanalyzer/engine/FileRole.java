package dev.analyzer.staticanalyzer.engine;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a source file is for the engine: the app's own code, a test (findings demoted to low unless
 * they are secrets), or vendored/minified third-party code (skipped and counted). Decided by path
 * ({@code vendor/}, {@code static/js/lib/}, {@code *.min.js}, {@code tests/}, {@code test_*.py},
 * {@code *.spec.ts}), by a {@code /*! ... license} header, and by line length. Stateless.
 */
public enum FileRole {
  APP,
  TEST,
  VENDORED;

  private static final Pattern VENDOR_PATH = Pattern.compile(
      "(^|.*/)(vendor|vendors|third_party|thirdparty|bower_components|jspm_packages|node_modules|site-packages|"
          + "static/js/lib|static/lib|public/js/lib|public/lib|assets/lib|assets/vendor|libs)/.*");
  private static final Pattern MINIFIED_NAME = Pattern.compile(".*([.-]min|\\.bundle|\\.chunk|\\.prod)\\.(js|mjs|cjs)$");
  private static final Pattern KNOWN_LIBRARY = Pattern.compile(
      "(^|.*/)(jquery|bootstrap|angular|react|react-dom|vue|lodash|underscore|moment|d3|chart|three|popper|"
          + "backbone|handlebars|mustache|require|socket\\.io)([.-][0-9.]+)?(\\.min)?\\.js$");
  private static final Pattern TEST_PATH = Pattern.compile(
      "(^|.*/)(tests?|__tests__|spec|specs|testing|e2e|cypress)/.*|(^|.*/)(test_[^/]*\\.py|[^/]*_test\\.py|"
          + "conftest\\.py|[^/]*\\.(test|spec)\\.(js|jsx|ts|tsx|mjs|cjs))$");
  private static final Pattern LICENSE_HEADER = Pattern.compile("(?s)^\\s*/\\*[!*].{0,400}?(@license|license|"
      + "\\(c\\)|copyright).*");

  /** The role of {@code path} (relative, with {@code /}) holding {@code text}. */
  public static FileRole of(String path, String text) {
    String p = path.toLowerCase(Locale.ROOT);
    if (VENDOR_PATH.matcher(p).matches() || MINIFIED_NAME.matcher(p).matches() || KNOWN_LIBRARY.matcher(p).matches()) {
      return VENDORED;
    }
    boolean js = p.endsWith(".js") || p.endsWith(".mjs") || p.endsWith(".cjs");
    if (js && (LICENSE_HEADER.matcher(text.substring(0, Math.min(text.length(), 600))).matches() || minified(text))) {
      return VENDORED;
    }
    return TEST_PATH.matcher(p).matches() ? TEST : APP;
  }

  /** Minified: a line over 1000 characters in the first 20 KB, or an average line over 300. */
  static boolean minified(String text) {
    int limit = Math.min(text.length(), 20_000);
    int lines = 1;
    int run = 0;
    for (int i = 0; i < limit; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
        run = 0;
      } else if (++run > 1000) {
        return true;
      }
    }
    return limit > 3000 && limit / lines > 300;
  }
}
