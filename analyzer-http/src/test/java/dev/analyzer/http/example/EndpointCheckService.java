package dev.analyzer.http.example;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisBuilder;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.http.client.HttpEngine;
import dev.analyzer.http.client.HttpSession;
import dev.analyzer.http.client.Reachability;
import dev.analyzer.http.client.RequestBudget;
import dev.analyzer.http.target.HostResolver;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.http.target.TargetRefusedException;
import dev.analyzer.http.target.Targets;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ServiceLauncher;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Checks that each target answers, then streams curl's status line per URL: a network analyzer. */
public final class EndpointCheckService implements AnalyzerService {
  private final TargetPolicy policy = TargetPolicy.fromEnvironment(Environment.system(), HostResolver.system());
  private final HttpEngine engine = HttpEngine.builder().withTargetPolicy(policy).build();
  public String name() { return "endpoint-check"; }
  public String version() { return "1.0.0"; }
  public AnalysisKind kind() { return AnalysisKind.DYNAMIC; }
  public List<String> detectTools(ProcessRunner r) { return ProcessRunner.which("curl").stream().map(p -> "curl").toList(); }
  public AnalysisOutcome analyze(AnalysisContext ctx) {
    List<ResolvedTarget> targets = new ArrayList<>();
    try {
      for (Target t : Targets.of(ctx.request(), Optional.empty())) { targets.add(policy.check(t)); } // resolved once
    } catch (TargetRefusedException e) {
      return AnalysisOutcome.error(e.getMessage()); // names the host, its addresses and ANALYZER_ALLOWED_TARGETS
    }
    try (HttpSession session = engine.openSession(RequestBudget.builder().withMaxRequests(50).build(), false)) {
      ctx.onCancel(session::close); // cancel and deadline close the analysis's connections at once
      var reach = Reachability.check(session, targets, Duration.ofSeconds(5)).join();
      AnalysisBuilder a = Analysis.builder().forRequest(ctx.request()).withAnalysisTime(ctx.clock().instant());
      if (Reachability.analysisStatus(reach).equals("targets_unreachable")) {
        return new AnalysisOutcome(ResultStatus.TARGETS_UNREACHABLE, a.withStatus("targets_unreachable").build(), "no target answered");
      }
      List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{url_effective} %{http_code}\\n"));
      for (ResolvedTarget t : targets) { // curl must use the addresses the policy checked, not resolve again
        cmd.addAll(List.of("--resolve", t.target().host() + ":" + t.target().port() + ":" + t.address().getAddress().getHostAddress(),
            t.target().resolve("/robots.txt").toString()));
      }
      List<Finding> findings = new CopyOnWriteArrayList<>(); // filled on the tool's output thread
      var r = ctx.processes().run(ProcessSpec.of(cmd).onLine(line -> { // each line as curl prints it
        ctx.progress("curl", line.text(), null);
        String[] p = line.text().split(" ");
        if (p.length == 2 && (p[1].startsWith("5") || p[1].equals("000"))) {
          findings.add(Finding.builder("curl", "endpoint-failing").withSeverity(Severity.MEDIUM)
              .withTitle(p[0] + " answered " + p[1]).withEvidence(line.text()).build());
        }
      }));
      return AnalysisOutcome.success(a.withToolResult(null, ToolResult.success("curl", findings, r.duration().toMillis() / 1000.0))
          .withSummary("requests_sent", session.budget().snapshot().requestsSent()).withFindings(findings).build());
    }
  }
  public static void main(String[] args) { ServiceLauncher.run(EndpointCheckService::new, args); }
}
