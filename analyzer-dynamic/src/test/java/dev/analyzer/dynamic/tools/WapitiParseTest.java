package dev.analyzer.dynamic.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wapiti 3.0.4 JSON report (the shape of its jsonreportgenerator) mapped onto the engine's rules. */
class WapitiParseTest {

  static final String REPORT = """
      {"classifications": {},
       "vulnerabilities": {
         "SQL Injection": [{"method": "GET", "path": "/api/search", "info": "SQL Injection via injection in the parameter q",
           "level": 4, "parameter": "q", "http_request": "GET /api/search?q=%27 HTTP/1.1", "curl_command": "curl ..."}],
         "Cross Site Scripting": [{"method": "GET", "path": "/hello", "info": "XSS vulnerability", "level": 2,
           "parameter": "name", "http_request": "GET /hello?name=... HTTP/1.1", "curl_command": ""}],
         "HTTP Secure Headers": [{"method": "GET", "path": "/", "info": "X-Frame-Options is not set", "level": 1,
           "parameter": "", "http_request": "GET / HTTP/1.1", "curl_command": ""}],
         "Htaccess Bypass": []},
       "anomalies": {"Internal Server Error": [{"method": "GET", "path": "/api/search", "info": "500", "level": 3,
           "parameter": "q", "http_request": "", "curl_command": ""}]},
       "additionals": {}, "infos": {"target": "http://127.0.0.1:5000/"}}
      """;

  @Test
  void categoriesMapOntoEngineRulesOthersKeepAWapitiRule() throws Exception {
    List<Finding> f = WapitiTool.parse(REPORT, "http://127.0.0.1:5000/");

    assertThat(f).extracting(Finding::ruleId).containsExactly("dyn.sqli", "dyn.xss-reflected", "dyn.clickjacking",
        "wapiti.internal-server-error");
    assertThat(f).allMatch(x -> x.tool().equals("wapiti"));
    assertThat(f.get(0).location().url()).isEqualTo("http://127.0.0.1:5000/api/search");
    assertThat(f.get(0).location().parameter()).isEqualTo("q");
    assertThat(f.get(3).severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void modulesThatReachOtherHostsOrBruteForceAreNeverRun() {
    ToolRequest r = new ToolRequest(null, null, List.of(), java.util.Map.of(), null, List.of(), "standard",
        java.time.Duration.ofSeconds(10), java.util.Map.of("modules", "xss,ssrf,wapp,nikto,xxe,brute_login_form,sql"),
        null, null);

    assertThat(WapitiTool.modules(r)).isEqualTo("xss,sql");
  }
}
