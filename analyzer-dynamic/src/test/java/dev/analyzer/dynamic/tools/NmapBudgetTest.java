package dev.analyzer.dynamic.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.http.client.RequestBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** nmap's requests cannot be counted one by one: their share of the budget is reserved up front and bounds its command. */
class NmapBudgetTest {

  @Test
  void theReservedShareBoundsRateTimesSecondsAndIsCountedAsSent() {
    RequestBudget budget = RequestBudget.builder().withMaxRequests(5000).build();

    NmapTool.Allowance a = NmapTool.allowance(budget, 100, Duration.ofSeconds(300));

    assertThat(a.rate()).isEqualTo(100);
    assertThat(a.seconds()).isEqualTo(25);
    assertThat(budget.snapshot().requestsSent()).isEqualTo(2500);
    List<String> argv = NmapTool.spec("127.0.0.1", Set.of(8080), Duration.ofSeconds(300), a.into(Map.of("max_rate", 9999)))
        .command();
    assertThat(String.join(" ", argv)).contains("--max-rate 100").contains("--host-timeout 25s");
  }

  @Test
  void tooLittleBudgetLeftSkipsNmapAndReservesNothing() {
    RequestBudget budget = RequestBudget.builder().withMaxRequests(1500).build();

    assertThat(NmapTool.allowance(budget, 0, Duration.ofSeconds(300))).isNull();
    assertThat(budget.snapshot().requestsSent()).isZero();
  }

  @Test
  void withoutAnAllowanceTheDefaultsStay() {
    List<String> argv = NmapTool.spec("127.0.0.1", Set.of(80), Duration.ofSeconds(60)).command();

    assertThat(String.join(" ", argv)).contains("--max-rate 200").contains("--host-timeout 55s");
  }
}
