package dev.analyzer.staticanalyzer.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suppression comments of one file: {@code # nosec} (optionally naming Bandit ids),
 * {@code # noqa} naming {@code S...} codes (bare {@code noqa} is a style matter and does not
 * suppress security findings), {@code // eslint-disable-line} and {@code -next-line} (optionally
 * naming rules), and {@code /* eslint-disable *}{@code /} blocks up to {@code eslint-enable}.
 * Immutable once read.
 */
final class Suppressions {

  private static final Pattern NOSEC = Pattern.compile("#\\s*nosec\\b:?([ \\tA-Za-z0-9,_-]*)");
  private static final Pattern NOQA = Pattern.compile("#\\s*noqa\\s*:\\s*([A-Z]+[0-9]+(\\s*,\\s*[A-Z]+[0-9]+)*)");
  private static final Pattern ESLINT_LINE = Pattern.compile("//\\s*eslint-disable-(line|next-line)\\b([^\\n]*)");
  private static final Pattern ESLINT_BLOCK = Pattern.compile("/\\*\\s*eslint-(disable|enable)\\b([^*]*)\\*/");

  /** Per line: null ids means "everything", else the listed ids (lower case, comma separated). */
  private final Map<Integer, String> lines = new HashMap<>();
  private final Map<Integer, String> blocks = new HashMap<>();
  private int used;

  static Suppressions of(String source) {
    Suppressions s = new Suppressions();
    String[] ls = source.split("\n", -1);
    String block = null;
    for (int i = 0; i < ls.length; i++) {
      String l = ls[i];
      int line = i + 1;
      if (l.indexOf('#') >= 0) {
        Matcher m = NOSEC.matcher(l);
        if (m.find()) {
          s.lines.put(line, m.group(1).strip().toLowerCase(Locale.ROOT));
        }
        m = NOQA.matcher(l);
        if (m.find()) {
          String ids = m.group(1).toLowerCase(Locale.ROOT);
          if (ids.matches(".*\\bs[0-9].*")) {
            s.lines.put(line, ids.replaceAll("\\bs([0-9])", "b$1"));
          }
        }
      }
      if (l.contains("eslint-")) {
        Matcher m = ESLINT_LINE.matcher(l);
        if (m.find()) {
          s.lines.put(m.group(1).equals("line") ? line : line + 1, m.group(2).replace("--", " ").strip()
              .toLowerCase(Locale.ROOT));
        }
        m = ESLINT_BLOCK.matcher(l);
        while (m.find()) {
          block = m.group(1).equals("disable") ? m.group(2).strip().toLowerCase(Locale.ROOT) : null;
        }
      }
      if (block != null) {
        s.blocks.put(line, block);
      }
    }
    return s;
  }

  /** True (and counted) when a comment suppresses {@code hit}. */
  boolean suppresses(Hit hit) {
    String ids = lines.containsKey(hit.line()) ? lines.get(hit.line()) : blocks.get(hit.line());
    if (ids == null) {
      return false;
    }
    boolean match = ids.isEmpty();
    String mine = (hit.rule().id() + "/" + hit.rule().equivalents()).toLowerCase(Locale.ROOT);
    for (String id : ids.split("[,\\s]+")) {
      if (!id.isBlank() && mine.contains(id.strip())) {
        match = true;
      }
    }
    if (match) {
      used++;
    }
    return match;
  }

  int used() {
    return used;
  }
}
