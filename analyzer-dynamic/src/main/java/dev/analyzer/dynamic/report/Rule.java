package dev.analyzer.dynamic.report;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.FindingBuilder;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import java.util.Objects;

/**
 * One check of the built-in engine: its stable rule id, title, default severity and confidence,
 * CWE, OWASP WSTG test id, OWASP Top 10 (2021) category, the ZAP alert id users compare with (or
 * {@code null} where none maps), and the fix. Immutable.
 *
 * @param id stable rule id such as {@code dyn.xss-reflected}
 * @param title one-line title
 * @param severity default severity
 * @param confidence default confidence
 * @param cwe {@code CWE-n}, or null
 * @param wstg WSTG test id such as {@code WSTG-INPV-01}
 * @param owasp OWASP Top 10 2021 category such as {@code A03:2021-Injection}
 * @param zapId the ZAP alert (plugin) id, or null
 * @param remediation how to fix it
 */
public record Rule(String id, String title, Severity severity, Confidence confidence, String cwe, String wstg,
    String owasp, Integer zapId, String remediation) {

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
  }

  /** A severity and confidence other than the rule's defaults, for one finding. */
  public record Override(Severity severity, Confidence confidence) {}

  /** The tool name every built-in finding carries. */
  public static final String ENGINE = "dynamic-engine";

  /** A finding builder of this rule at {@code url} (method and parameter may be null), with the references set. */
  public FindingBuilder at(String url, String method, String parameter) {
    return finding(ENGINE, Location.atUrl(url, method, parameter));
  }

  /** A finding builder of this rule for {@code tool} at {@code location}, with the references set. */
  public FindingBuilder finding(String tool, Location location) {
    FindingBuilder b = Finding.builder(tool, id).withTitle(title).withSeverity(severity).withConfidence(confidence)
        .withCwe(cwe).withLocation(location).withRemediation(remediation);
    if (wstg != null) {
      b.withExtra("wstg", wstg);
    }
    if (owasp != null) {
      b.withExtra("owasp", owasp);
    }
    if (zapId != null) {
      b.withExtra("zap_alert_id", zapId);
    }
    return b;
  }
}
