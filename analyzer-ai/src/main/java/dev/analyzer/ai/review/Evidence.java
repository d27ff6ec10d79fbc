package dev.analyzer.ai.review;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A place in the code cited for a verdict.
 *
 * @param file relative path
 * @param line 1-based line
 * @param quote what the line shows (or what a model claimed it shows)
 * @param verified null when not checked, else whether the file exists and holds the quote at or near the line
 */
public record Evidence(String file, int line, String quote, Boolean verified) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file);
    m.put("line", line);
    m.put("location", file + ":" + line);
    m.put("quote", quote == null ? "" : quote.length() > 240 ? quote.substring(0, 240) : quote);
    if (verified != null) {
      m.put("verified", verified);
    }
    return m;
  }
}
