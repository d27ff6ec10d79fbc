package dev.analyzer.dynamic.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Location;
import org.junit.jupiter.api.Test;

/** Findings of engine and tools about one issue merge into one that names every tool. */
class FindingSinkTest {

  @Test
  void sameRuleClassPathAndParameterMerge() {
    FindingSink sink = new FindingSink();
    sink.add(Rules.SQLI.at("http://h:1/api/s?q=%27", "GET", "q").build());
    sink.add(Rules.SQLI_BLIND.finding("sqlmap", Location.atUrl("http://h:1/api/s", "GET", "q")).build());
    sink.add(Rules.SQLI.at("http://h:1/api/s", "GET", "page").build());

    assertThat(sink.findings()).hasSize(2);
    assertThat(sink.findings().get(0).tools()).containsExactly("dynamic-engine", "sqlmap");
    assertThat(sink.reported()).isEqualTo(3);
  }

  @Test
  void headerRulesMergePerOrigin() {
    FindingSink sink = new FindingSink();
    sink.add(Rules.CSP_MISSING.at("http://h:1/", "GET", null).build());
    sink.add(Rules.CSP_MISSING.finding("wapiti", Location.atUrl("http://h:1/about", "GET", null)).build());
    sink.add(Rules.CSP_MISSING.at("http://h:2/", "GET", null).build());

    assertThat(sink.findings()).hasSize(2);
  }
}
