package dev.analyzer.manager.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.sarif.SarifWriter;
import dev.analyzer.manager.run.AnalysisRun;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.ServiceOutcome;
import dev.analyzer.manager.services.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Synthetic runs for report tests. */
final class Reports {

  static final String PAYLOAD = "<script>alert('x')</script>";

  private Reports() {}

  static List<Finding> findings() {
    return List.of(
        Finding.builder("python-security", "py.sql-format").withSeverity(Severity.HIGH).withCwe("89")
            .withTitle("SQL built by formatting").withLocation(Location.inFile("backend/app.py", 12, 5))
            .withEvidence("cur.execute(f\"SELECT {q}\")").withRemediation("Use parameters").build(),
        Finding.builder("python-security", "py.sql-format").withSeverity(Severity.HIGH).withCwe("89")
            .withTitle("SQL built by formatting").withLocation(Location.inFile("backend/other.py", 12, 5))
            .withEvidence("cur.execute(f\"SELECT {q}\")").build(),
        Finding.builder("js-security", "js.inner-html").withSeverity(Severity.CRITICAL).withCwe("79")
            .withTitle("innerHTML \"quoted\" & <b>bold</b>").withLocation(Location.inFile("frontend/src/App.jsx", 3, 1))
            .withEvidence("el.innerHTML = '" + PAYLOAD + "'").build());
  }

  @SuppressWarnings("unchecked")
  static AnalysisRun.Report report() {
    AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("openai/gpt-4").withAppNumber(2).build();
    Map<String, Object> sarif = new ObjectMapper().convertValue(SarifWriter.builder().build().toTree(findings()), Map.class);
    Analysis a = Analysis.builder().forRequest(req).withStatus("success").withFindings(findings())
        .withExtra("sarif_export", sarif).build();
    AnalysisResult r = AnalysisResult.of(req, "static-analyzer", Instant.now(), ResultStatus.SUCCESS, a, null);
    ServiceSpec dyn = ServiceSpec.named("dynamic").orElseThrow();
    ServiceOutcome unreachable = ServiceOutcome.of(dyn, ClientFailure.UNREACHABLE.reply("cannot connect to ws://127.0.0.1:2002",
        "x", "dynamic-analyzer", Instant.now()), Duration.ofMillis(5));
    AnalyzeOptions options = new AnalyzeOptions(Path.of("/tmp/app"), List.of(), ServiceSpec.ALL, "openai/gpt-4", 2,
        List.of(), null, Severity.HIGH);
    return new AnalysisRun.Report("analysis_test_0001", options, Instant.now(), Instant.now(), List.of(
        ServiceOutcome.of(ServiceSpec.named("static").orElseThrow(), r, Duration.ofSeconds(2)), unreachable,
        ServiceOutcome.notBuilt(ServiceSpec.named("ai").orElseThrow(), "not built: test")));
  }
}
