package dev.analyzer.core.protocol;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.json.FrozenJson;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code analysis} object of a reply, in the original's shape: per-tool records under
 * {@code results} (grouped the way each service groups them, such as static's
 * {@code results.python.bandit}), a {@code summary}, plus the normalized {@code findings}.
 *
 * @param modelSlug the analysed model, or {@code null}
 * @param appNumber the analysed app, or {@code null}
 * @param analysisTime when the analysis ran, verbatim as the service wrote it, or {@code null}
 * @param status the inner status the original services set ({@code success}, {@code error}, ...), or {@code null}
 * @param toolsUsed tools that executed, or {@code null}
 * @param results per-tool records (see {@link ToolResult}); never {@code null}
 * @param summary counts and the severity breakdown; never {@code null}
 * @param findings normalized findings; never {@code null}
 * @param error why the analysis failed, or {@code null}
 * @param extra other fields ({@code _project_metadata}, {@code sarif_export}, {@code metadata}, ...)
 */
public record Analysis(
    String modelSlug,
    Integer appNumber,
    String analysisTime,
    String status,
    List<String> toolsUsed,
    Map<String, Object> results,
    Map<String, Object> summary,
    List<Finding> findings,
    String error,
    Map<String, Object> extra) {

  static final Set<String> FIELDS = Set.of("model_slug", "app_number", "analysis_time", "status",
      "tools_used", "results", "summary", "findings", "error");

  public Analysis {
    toolsUsed = toolsUsed == null ? null : List.copyOf(toolsUsed);
    results = FrozenJson.copyOf(results);
    summary = FrozenJson.copyOf(summary);
    findings = findings == null ? List.of() : List.copyOf(findings);
    extra = Extras.checked(extra, FIELDS, MessageType.STATIC_ANALYSIS_RESULT);
  }

  /** A builder for an analysis body. */
  public static AnalysisBuilder builder() {
    return new AnalysisBuilder();
  }

  /** True when the inner status or error says the analysis failed. */
  public boolean reportsFailure() {
    return error != null || "error".equalsIgnoreCase(status);
  }

  static Analysis read(FieldReader r) {
    return new Analysis(r.string("model_slug"), r.integer("app_number"), r.string("analysis_time"),
        r.string("status"), r.stringList("tools_used"), r.object("results"), r.object("summary"),
        r.objectList("findings", FindingWire::read), r.string("error"), r.rest());
  }

  static void write(Analysis a, FieldWriter w) {
    w.string("model_slug", a.modelSlug).value("app_number", a.appNumber)
        .string("analysis_time", a.analysisTime).string("status", a.status)
        .value("tools_used", a.toolsUsed).value("results", a.results).value("summary", a.summary)
        .objectList("findings", a.findings, FindingWire::write).string("error", a.error).extra(a.extra);
  }
}
