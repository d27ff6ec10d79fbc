package dev.analyzer.dynamic.checks.passive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.dynamic.probe.ProbeRequest;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.http.client.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The passive checks on single responses, reported once per rule and origin. */
class PassiveChecksTest {

  static ProbeResult response(String url, int status, Map<String, List<String>> headers, String body) {
    Map<String, List<String>> h = new LinkedHashMap<>(headers);
    return new ProbeResult(ProbeRequest.get(URI.create(url).getRawPath()), url, new HttpResponse(URI.create(url), status,
        "OK", h, body.getBytes(StandardCharsets.UTF_8), body.length(), false, 0), 1_000_000);
  }

  @Test
  void aRuleIsReportedOncePerOriginWithEveryAffectedUrl() {
    PassiveChecks p = new PassiveChecks();
    Map<String, List<String>> html = Map.of("content-type", List.of("text/html"));
    p.accept(response("http://127.0.0.1:1/a", 200, html, "<p>a</p>"));
    p.accept(response("http://127.0.0.1:1/b", 200, html, "<p>b</p>"));
    p.accept(response("http://127.0.0.1:2/", 200, html, "<p>c</p>"));

    List<Finding> csp = p.findings().stream().filter(f -> f.ruleId().equals("dyn.csp-missing")).toList();

    assertThat(csp).hasSize(2);
    assertThat(csp.get(0).extra().get("affected_urls")).asList().containsExactly("http://127.0.0.1:1/a",
        "http://127.0.0.1:1/b");
    assertThat(csp.get(0).extra().get("affected_count")).isEqualTo(2);
  }

  @Test
  void theRepresentativeUrlIsTheMostCanonicalSightingNotAProbePath() {
    PassiveChecks p = new PassiveChecks();
    Map<String, List<String>> html = Map.of("content-type", List.of("text/html"));
    String shell = "<div id=\"app\"></div>";
    p.accept(response("http://127.0.0.1:1/.git/HEAD", 200, html, shell));
    p.accept(response("http://127.0.0.1:1/x/3f2a9c1b7d4e", 200, html, shell));
    p.accept(response("http://127.0.0.1:1/", 200, html, shell));
    p.accept(response("http://127.0.0.1:1/about", 200, html, shell));

    Finding csp = p.findings().stream().filter(f -> f.ruleId().equals("dyn.csp-missing")).findFirst().orElseThrow();

    assertThat(csp.location().url()).isEqualTo("http://127.0.0.1:1/");
    assertThat(csp.extra().get("affected_count")).isEqualTo(4);
  }

  @Test
  void weakPoliciesCookiesBannersAndTracesAreRecognised() {
    PassiveChecks p = new PassiveChecks();
    p.accept(response("http://127.0.0.1:1/", 200, Map.of("content-type", List.of("text/html"),
        "content-security-policy", List.of("default-src 'self'; script-src 'self' 'unsafe-inline'"),
        "x-frame-options", List.of("DENY"), "set-cookie", List.of("sid=1; Path=/; HttpOnly", "pref=x; SameSite=Lax"),
        "server", List.of("gunicorn/20.1.0"), "x-powered-by", List.of("Express")), "ok"));
    p.accept(response("http://127.0.0.1:1/err", 500, Map.of("content-type", List.of("text/plain")),
        "Error: boom\n    at handler (/app/server.js:12:7)\n"));

    assertThat(p.findings()).extracting(Finding::ruleId).contains("dyn.csp-weak", "dyn.cookie-no-httponly",
        "dyn.cookie-no-samesite", "dyn.server-version-leak", "dyn.x-powered-by", "dyn.stack-trace")
        .doesNotContain("dyn.csp-missing", "dyn.clickjacking", "dyn.dev-server", "dyn.hsts-missing");
  }

  @Test
  void anHtmlEscapedPythonTracebackIsRecognised() {
    PassiveChecks p = new PassiveChecks();
    p.accept(response("http://127.0.0.1:1/book?id=x", 500, Map.of("content-type", List.of("text/html")),
        "<pre>Traceback (most recent call last):\n  File &quot;/srv/shop/app.py&quot;, line 282, in route_get\n"
            + "sqlite3.OperationalError: no such column: x</pre>"));

    assertThat(p.findings()).extracting(Finding::ruleId).contains("dyn.stack-trace");
  }

  @Test
  void aNoncePolicyIsNotWeakAndAMentionOfATracebackIsNotOne() {
    assertThat(PassiveChecks.weakCsp("script-src 'nonce-abc' 'unsafe-inline' 'strict-dynamic'")).isFalse();
    PassiveChecks p = new PassiveChecks();
    p.accept(response("http://127.0.0.1:1/docs", 200, Map.of("content-type", List.of("text/html")),
        "<p>Never paste a Traceback (most recent call last) into an issue.</p>"));

    assertThat(p.findings()).extracting(Finding::ruleId).doesNotContain("dyn.stack-trace");
  }
}
