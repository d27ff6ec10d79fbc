package dev.analyzer.staticanalyzer.original;

import dev.analyzer.staticanalyzer.report.OriginalNames;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code static_analyze} request the original's manager sends (§3.1), for the tests that replay it. */
final class OriginalRequest {

  private OriginalRequest() {}

  /**
   * Its keys in its order: type, model_slug, app_number, source_path and the manager's default tool
   * names; a new mutable map, so a test adds {@code config}, {@code timestamp} or {@code id}.
   */
  static Map<String, Object> of(Path app, int appNumber) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("type", "static_analyze");
    request.put("model_slug", "openai_gpt-4");
    request.put("app_number", appNumber);
    request.put("source_path", app.toString());
    request.put("tools", OriginalNames.MANAGER_DEFAULTS);
    return request;
  }
}
