package dev.analyzer.staticanalyzer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.analyzer.core.findings.Finding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds SARIF {@code codeFlows} to the results of findings that carry a {@code trace} (source to sink,
 * one thread-flow location per step), matched by the result's fingerprint. Stateless.
 */
final class CodeFlows {

  private CodeFlows() {}

  @SuppressWarnings("unchecked")
  static ObjectNode add(ObjectNode sarif, List<Finding> findings) {
    Map<String, List<Map<String, Object>>> traces = new HashMap<>();
    for (Finding f : findings) {
      Object t = f.extra().get("trace");
      if (t instanceof List<?> l && !l.isEmpty()) {
        traces.put(f.fingerprint(), (List<Map<String, Object>>) l);
      }
    }
    if (traces.isEmpty()) {
      return sarif;
    }
    for (JsonNode run : sarif.path("runs")) {
      for (JsonNode result : run.path("results")) {
        String fp = result.path("partialFingerprints").path("analyzerFingerprint/v1").asText(null);
        List<Map<String, Object>> trace = fp == null ? null : traces.get(fp);
        if (trace == null) {
          continue;
        }
        ArrayNode locations = ((ObjectNode) result).putArray("codeFlows").addObject().putArray("threadFlows")
            .addObject().putArray("locations");
        for (Map<String, Object> step : trace) {
          ObjectNode loc = locations.addObject().putObject("location");
          ObjectNode physical = loc.putObject("physicalLocation");
          physical.putObject("artifactLocation").put("uri", String.valueOf(step.get("file")).replaceFirst("^\\./", ""))
              .put("uriBaseId", "%SRCROOT%");
          physical.putObject("region").put("startLine", ((Number) step.get("line")).intValue());
          loc.putObject("message").put("text", String.valueOf(step.get("what")));
        }
      }
    }
    return sarif;
  }
}
