package dev.analyzer.performance.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Locust 2.12's printed summary (the fallback when its final CSV was written after a stats reset). */
class LocustSummaryTest {

  private static final String PRINTED = """
      Type     Name    # reqs      # fails |    Avg     Min     Max    Med |   req/s  failures/s
      --------|------|-------|-------------|-------|-------|-------|-------|--------|-----------
      GET      x          128     0(0.00%) |      6       0      45      5 |  310.17        0.00
      --------|------|-------|-------------|-------|-------|-------|-------|--------|-----------
               Aggregated     128     0(0.00%) |      6       0      45      5 |  310.17        0.00

      Response time percentiles (approximated)
      Type     Name      50%    66%    75%    80%    90%    95%    98%    99%  99.9% 99.99%   100% # reqs
      --------|--------|------|------|------|------|------|------|------|------|------|------|------
      GET      x           5      6      7      7      9     15     33     45     45     45     45    128
      --------|--------|------|------|------|------|------|------|------|------|------|------|------
               Aggregated       5      6      7      7      9     15     33     45     45     45     45    128
      """;

  @Test
  void theAggregatedLinesGiveTheCsvColumns() {
    Map<String, String> row = LocustTool.summaryRow(PRINTED);

    assertThat(row).containsEntry("Request Count", "128").containsEntry("Failure Count", "0")
        .containsEntry("Requests/s", "310.17").containsEntry("Median Response Time", "5")
        .containsEntry("99%", "45").containsEntry("95%", "15").containsEntry("100%", "45");
  }

  @Test
  void noSummaryIsNull() {
    assertThat(LocustTool.summaryRow("nothing here")).isNull();
  }
}
