package dev.analyzer.ai.code;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing the code shows, at a file and line: a route, a model field, an auth or validation
 * signal, a form, a fetch call, a test, a UI feature. Immutable.
 *
 * @param kind what it is
 * @param file relative path
 * @param line 1-based line
 * @param summary a short description in words (what the embedding sees), such as {@code route PUT /api/todos/{}}
 * @param snippet the source line, trimmed
 */
public record CodeFact(Kind kind, String file, int line, String summary, String snippet) {

  /** Kinds of facts. */
  public enum Kind {
    ROUTE, CLIENT_ROUTE, MODEL, FIELD, AUTH, VALIDATION, FORM, FETCH, TEST, UI, ERROR_HANDLING, PERSISTENCE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code file:line}. */
  public String location() {
    return file + ":" + line;
  }

  /** The JSON form used as evidence. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.wire());
    m.put("file", file);
    m.put("line", line);
    m.put("summary", summary);
    m.put("snippet", snippet.length() > 200 ? snippet.substring(0, 200) : snippet);
    return m;
  }
}
