package dev.analyzer.staticanalyzer.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a data-flow trace: where ({@code file}, 1-based {@code line}) and what happens there
 * ("source request.args", "assigned to q", "sink cursor.execute"). Immutable.
 */
public record TraceStep(String file, int line, String what) {

  /** The step as the {@code trace} entry of a finding. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file);
    m.put("line", line);
    m.put("what", what);
    return m;
  }
}
