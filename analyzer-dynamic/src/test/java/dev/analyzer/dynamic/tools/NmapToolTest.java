package dev.analyzer.dynamic.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.dynamic.fixture.VulnerableApp;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.service.process.ProcessRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** nmap's XML parsed (a recorded run), and the real nmap against the fixture app. */
class NmapToolTest {

  @Test
  void aRecordedRunGivesServicesAndScriptFindings() throws Exception {
    String xml = new String(getClass().getResourceAsStream("/recorded/nmap-http-server.xml").readAllBytes(),
        StandardCharsets.UTF_8);
    Map<String, Object> services = new LinkedHashMap<>();

    List<Finding> f = NmapTool.parse(xml, services);

    assertThat(services).containsKey("127.0.0.1:18777");
    assertThat(services.get("127.0.0.1:18777").toString()).contains("SimpleHTTPServer");
    assertThat(f).extracting(Finding::ruleId).contains("nmap.http-enum");
    assertThat(f).allMatch(x -> x.tool().equals("nmap") && x.location().url().startsWith("http://127.0.0.1:18777/"));
  }

  @Test
  void findingsOnThePinnedAddressAreMovedToTheTargetsOrigin() throws Exception {
    String xml = new String(getClass().getResourceAsStream("/recorded/nmap-http-server.xml").readAllBytes(),
        StandardCharsets.UTF_8);
    ToolRequest req = new ToolRequest(null, null, List.of("http://localhost:18777"), Map.of("http://localhost:18777",
        "127.0.0.1"), null, List.of(), "standard", Duration.ofSeconds(5), Map.of(), null, null);

    List<Finding> f = NmapTool.onTargets(NmapTool.parse(xml, new LinkedHashMap<>()), req);

    assertThat(f).isNotEmpty().allMatch(x -> x.location().url().startsWith("http://localhost:18777/"));
  }

  @Test
  void anXmlWithAnExternalEntityIsNotExpanded() throws Exception {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE nmaprun [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<nmaprun><host><address addr=\"127.0.0.1\"/><ports><port portid=\"80\"><state state=\"open\"/>"
        + "<service name=\"http\" product=\"&e;\"/></port></ports></host></nmaprun>";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NmapTool.parse(xml, new LinkedHashMap<>()))
        .hasMessageContaining("external entity");
  }

  @Test
  void theRealNmapFindsTraceOnTheFixture() throws Exception {
    assumeTrue(ProcessRunner.which("nmap").isPresent(), "nmap is not installed (scripts/install-tools.sh)");
    try (VulnerableApp app = VulnerableApp.start(0); DynamicScan scan = DynamicScan.builder().build()) {
      ToolRun run = StandaloneTool.run(new NmapTool(), scan, app.url(), "standard", Duration.ofSeconds(90), false,
          line -> { });

      System.out.println(run.commands());
      assertThat(run.status()).as(run.error()).isEqualTo(ToolStatus.SUCCESS);
      assertThat(run.extra().get("service_info").toString()).contains(":" + app.port());
      assertThat(run.findings()).extracting(Finding::ruleId).contains("dyn.http-trace");
      assertThat(run.commands().get(0).get("cmd").toString()).contains("-sT", "-sV", "127.0.0.1",
          NmapTool.SCRIPTS).doesNotContain("localhost");
    }
  }
}
