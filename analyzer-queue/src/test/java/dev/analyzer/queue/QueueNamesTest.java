package dev.analyzer.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.AnalysisKind;
import org.junit.jupiter.api.Test;

class QueueNamesTest {

  private final QueueNames names = QueueNames.defaults();

  @Test
  void namesFollowTheIssue() {
    assertThat(names.requestStream(AnalysisKind.PERFORMANCE)).isEqualTo("ANALYZER_PERFORMANCE");
    assertThat(names.requestSubject(AnalysisKind.STATIC)).isEqualTo("analyzer.static.requests");
    assertThat(names.resultsStream()).isEqualTo("ANALYZER_RESULTS");
    assertThat(names.resultSubject("abc-1")).isEqualTo("analyzer.results.abc-1");
    assertThat(names.deadSubject(AnalysisKind.AI)).isEqualTo("analyzer.dead.ai");
    assertThat(names.progressSubject("abc-1")).isEqualTo("analyzer.progress.abc-1");
    assertThat(names.cancelSubject("abc-1")).isEqualTo("analyzer.cancel.abc-1");
    assertThat(names.objectBucket()).isEqualTo("analyzer_results");
    assertThat(names.maxDeliveriesAdvisory(AnalysisKind.DYNAMIC))
        .isEqualTo("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ANALYZER_DYNAMIC.workers");
  }

  @Test
  void idsAreReadBackFromSubjects() {
    assertThat(names.idOfResultSubject("analyzer.results.x-9")).isEqualTo("x-9");
    assertThat(names.idOfCancelSubject("analyzer.cancel.x-9")).isEqualTo("x-9");
    assertThat(names.idOfResultSubject("other.results.x")).isNull();
  }

  @Test
  void anIdThatCannotBeASubjectTokenIsRefusedWithTheReason() {
    assertThatThrownBy(() -> names.resultSubject("a.b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("request id 'a.b' cannot name a queue subject");
    assertThatThrownBy(() -> QueueNames.checkId("a*")).isInstanceOf(IllegalArgumentException.class);
    assertThat(QueueNames.checkId("123e4567-e89b-12d3-a456-426614174000")).isNotNull();
  }
}
