package dev.analyzer.manager.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.manager.run.AnalysisRun;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.ServiceOutcome;
import dev.analyzer.manager.services.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The per-service sections of the HTML report, from replies shaped as the services send them. */
class SectionsTest {

  private static final String DYNAMIC = """
      {"type":"dynamic_analysis_result","correlation_id":"d1","service":"dynamic-analyzer","timestamp":"2026-12-02T03:41:12Z",
       "status":"success","analysis":{"status":"success","tools_used":["dynamic-engine"],"tool_versions":{"dynamic-engine":"2.1.0"},
       "results":{},"summary":{},"findings":[
        {"fingerprint":"f1","tool":"dynamic-engine","tools":["dynamic-engine"],"rule_id":"dyn.reflected-xss","severity":"high",
         "title":"Reflected input","location":{"url":"http://127.0.0.1:5055/hello","method":"GET","parameter":"name"},
         "evidence":"<h1>Hello <script>alert(1)</script>","request":"GET /hello?name=%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1",
         "response":"HTTP/1.1 200 OK\\n\\n<h1>Hello <script>alert(1)</script></h1>"},
        {"fingerprint":"f2","tool":"dynamic-engine","tools":["dynamic-engine"],"rule_id":"dyn.csp-missing","severity":"low",
         "title":"No Content-Security-Policy","location":{"url":"http://127.0.0.1:5055/hello","method":"GET"}},
        {"fingerprint":"f3","tool":"dynamic-engine","tools":["dynamic-engine"],"rule_id":"dyn.exposed-env","severity":"high",
         "title":".env file exposed","location":{"url":"http://127.0.0.1:5055/.env","method":"GET"},"evidence":"BACKEND_PORT=5"}]}}
      """;

  private static final String LOAD = """
      {"target_rate":100,"achieved_rate":98.5,
       "latency_ms":{"p50":3.1,"p90":8.0,"p99":41.5,"p99_9":60.2,"max":75.0},
       "latency_uncorrected_ms":{"p50":2.9,"p90":6.5,"p99":20.1,"p99_9":30.0,"max":52.0},
       "series":[{"second":1,"p50":3.0,"p99":30.0,"p99_uncorrected":18.0},{"second":2,"p50":3.2,"p99":44.0,"p99_uncorrected":21.0},
                 {"second":3,"p50":3.1,"p99":40.0,"p99_uncorrected":20.0}]}""";

  /** The load result twice, as replies repeat records under tool_runs: shown once. */
  private static final String PERFORMANCE = """
      {"type":"performance_analysis_result","correlation_id":"p1","service":"performance-tester","timestamp":"2026-12-02T03:41:12Z",
       "status":"success","analysis":{"status":"success","tools_used":["load-engine"],"summary":{},"findings":[],
       "results":{"http://127.0.0.1:5055":{"load":%s},"tool_runs":{"load-engine":{"load":%s}}}}}
      """.formatted(LOAD, LOAD);


  private static final String AI = """
      {"type":"ai_analysis_result","correlation_id":"a1","service":"ai-analyzer","timestamp":"2026-12-02T03:41:12Z",
       "status":"success","analysis":{"status":"success","tools_used":["requirements-scanner"],"findings":[],
       "summary":{"overall_compliance":50.0},
       "results":{"requirements-scanner":{"method":"embedding-ir","results":{"backend_requirements":[
         {"id":"REQ-1","requirement":"Lists todos at GET /api/todos","verdict":"met","confidence":"MEDIUM",
          "explanation":"route found","evidence":[{"file":"backend/app.py","line":69,"quote":"@app.route(\\"/api/todos\\")"}]},
         {"id":"REQ-6","requirement":"Passwords are stored <b>hashed</b>","met":false,"confidence":"LOW","explanation":"none"},
         {"id":"REQ-7","requirement":"Pagination","verdict":"partial"}]}}},
       "tools":{"requirements-scanner":{"results":{"backend_requirements":[
         {"id":"REQ-7","requirement":"Pagination","verdict":"partial"}]}}}}}
      """;

  private static Document render() {
    ProtocolCodec codec = ProtocolCodec.create();
    List<ServiceOutcome> outcomes = List.of(
        outcome("dynamic", codec.decode(DYNAMIC)), outcome("performance", codec.decode(PERFORMANCE)),
        outcome("ai", codec.decode(AI)));
    AnalyzeOptions options = new AnalyzeOptions(Path.of("/tmp/app"), List.of("http://127.0.0.1:5055"),
        List.of(ServiceSpec.named("dynamic").orElseThrow(), ServiceSpec.named("performance").orElseThrow(),
            ServiceSpec.named("ai").orElseThrow()), "m", 1, List.of(), null, null);
    AnalysisRun.Report report = new AnalysisRun.Report("t1", options, Instant.now(), Instant.now(), outcomes);
    return Jsoup.parse(HtmlReport.render(Consolidated.of(report)));
  }

  private static ServiceOutcome outcome(String service, Message reply) {
    return ServiceOutcome.of(ServiceSpec.named(service).orElseThrow(), reply, Duration.ofSeconds(3));
  }

  @Test
  void dynamicFindingsAreGroupedByUrlWithEscapedEvidence() {
    Document doc = render();

    var groups = doc.select("#service-dynamic .url-group");
    assertThat(groups).hasSize(2);
    assertThat(groups.get(1).select("h4").text()).contains("http://127.0.0.1:5055/hello").contains("(2)");
    assertThat(doc.select("#service-dynamic pre.response").text()).contains("<script>alert(1)</script>");
    assertThat(doc.select("script")).hasSize(1);
    assertThat(doc.select("#service-dynamic .tools").text()).contains("dynamic-engine 2.1.0");
  }

  @Test
  void theLoadTestHasAPercentileTableCorrectedAndUncorrectedAndAChart() {
    Document doc = render();

    var rows = doc.select("#service-performance table.percentiles tbody tr");
    assertThat(rows).hasSize(5);
    assertThat(rows.get(2).text()).isEqualTo("p99 41.50 20.10");
    assertThat(rows.get(3).text()).isEqualTo("p99.9 60.20 30");
    assertThat(doc.select("#service-performance").text()).contains("target rate 100 req/s", "achieved 98.50 req/s");
    var lines = doc.select("#service-performance svg.latency-chart polyline.series");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1).attr("points").split(" ")).hasSize(3);
  }

  @Test
  void theAiReviewHasARequirementsTableWithVerdictsAndEvidenceLinks() {
    Document doc = render();

    var rows = doc.select("#service-ai tr.requirement");
    assertThat(rows).hasSize(3);
    assertThat(rows.eachAttr("class")).containsExactly("requirement verdict-met", "requirement verdict-not_found",
        "requirement verdict-partial");
    assertThat(rows.get(0).select("a").attr("href")).isEqualTo("file:///tmp/app/backend/app.py#L69");
    assertThat(rows.get(1).select("b")).isEmpty();
    assertThat(doc.select("#service-ai .tools").text()).contains("method: embedding-ir");
    assertThat(doc.select("#service-ai h3").text()).contains("compliance 50.0%");
  }
}
