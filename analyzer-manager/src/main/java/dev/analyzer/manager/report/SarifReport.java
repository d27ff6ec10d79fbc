package dev.analyzer.manager.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.sarif.SarifWriter;
import dev.analyzer.core.sarif.SarifWriterBuilder;
import dev.analyzer.manager.run.ServiceOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The run's one SARIF 2.1.0 log: one run per tool of every service, file locations relative to
 * {@code %SRCROOT%} (defined in each run's {@code originalUriBaseIds} as the analysed source),
 * {@code automationDetails.id} = {@code <service>/<tool>/} so code scanning keeps each service's
 * alerts apart. Holds the consolidated findings only (after dedup and baseline), each once. Stateless.
 */
public final class SarifReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SarifReport() {}

  public static ObjectNode of(Consolidated c) {
    Set<String> wanted = new HashSet<>();
    c.findings().forEach(f -> wanted.add(f.fingerprint()));
    Set<String> written = new HashSet<>();
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ArrayNode runs = root.putArray("runs");
    for (ServiceOutcome o : c.report().outcomes()) {
      AnalysisResult r = o.result();
      if (r == null || r.analysis() == null) {
        continue;
      }
      List<Finding> mine = new ArrayList<>();
      for (Finding f : c.findings()) {
        if (wanted.contains(f.fingerprint()) && !written.contains(f.fingerprint()) && produced(r, f)) {
          mine.add(f);
          written.add(f.fingerprint());
        }
      }
      if (mine.isEmpty()) {
        continue;
      }
      SarifWriterBuilder b = SarifWriter.builder().withCategory(o.spec().name());
      if (c.report().options().source() != null) {
        b.withSourceRoot(c.report().options().source().toAbsolutePath().normalize());
      }
      for (JsonNode run : b.build().toTree(mine).path("runs")) {
        runs.add(run);
      }
    }
    return root;
  }

  private static boolean produced(AnalysisResult r, Finding f) {
    for (Finding g : r.analysis().findings()) {
      if (g.fingerprint().equals(f.fingerprint())) {
        return true;
      }
    }
    return false;
  }
}
