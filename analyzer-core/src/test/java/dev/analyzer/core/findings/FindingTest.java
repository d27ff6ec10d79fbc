package dev.analyzer.core.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FindingTest {

  private static FindingBuilder sql(String file, int line) {
    return Finding.builder("python-security", "py.sql-format").withSeverity(Severity.HIGH)
        .withTitle("SQL built by formatting").withLocation(Location.inFile(file, line, 1))
        .withEvidence("cur.execute(f\"select * from t where id={x}\")");
  }

  @Test
  void sameRuleInTwoFilesGetsTwoFingerprints() {
    assertThat(sql("a.py", 3).build().fingerprint()).isNotEqualTo(sql("b.py", 3).build().fingerprint());
  }

  @Test
  void fingerprintSurvivesTheCodeMovingDown() {
    assertThat(sql("a.py", 3).build().fingerprint()).isEqualTo(sql("a.py", 40).build().fingerprint());
  }

  @Test
  void fingerprintUsesTheLineWhenThereIsNoEvidence() {
    Finding a = sql("a.py", 3).withEvidence(null).build();
    Finding b = sql("a.py", 4).withEvidence(null).build();

    assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint()).hasSize(32);
  }

  @Test
  void urlFindingsFingerprintTheUrlAndParameter() {
    Finding q = Finding.builder("probe", "xss").withLocation(Location.atUrl("http://h/s", "GET", "q")).build();
    Finding p = Finding.builder("probe", "xss").withLocation(Location.atUrl("http://h/s", "GET", "p")).build();

    assertThat(q.fingerprint()).isNotEqualTo(p.fingerprint());
  }

  @Test
  void mergingListsEveryToolAndKeepsTheWorstSeverity() {
    Finding ours = sql("a.py", 3).withSeverity(Severity.MEDIUM).withConfidence(Confidence.LOW).build();
    Finding bandit = Finding.builder("bandit", "B608").withSeverity(Severity.HIGH)
        .withConfidence(Confidence.HIGH).withCwe("CWE-89").withLocation(Location.inFile("a.py", 3, 1)).build();

    Finding merged = ours.mergedWith(bandit);

    assertThat(merged.tools()).containsExactly("python-security", "bandit");
    assertThat(merged.severity()).isEqualTo(Severity.HIGH);
    assertThat(merged.confidence()).isEqualTo(Confidence.HIGH);
    assertThat(merged.cwe()).isEqualTo("CWE-89");
    assertThat(merged.fingerprint()).isEqualTo(ours.fingerprint());
  }

  @Test
  void cweIsNormalized() {
    assertThat(Finding.normalizeCwe("89")).isEqualTo("CWE-89");
    assertThat(Finding.normalizeCwe("cwe-079")).isEqualTo("CWE-79");
    assertThatThrownBy(() -> Finding.normalizeCwe("SQLi")).hasMessageContaining("CWE-89");
  }

  @Test
  void requiredFieldsAreNamed() {
    assertThatThrownBy(() -> Finding.builder(" ", "r").build()).hasMessageContaining("tool");
    assertThatThrownBy(() -> Location.inFile(null, 1, 1)).hasMessageContaining("file or a url");
    assertThatThrownBy(() -> Location.inFile("a.py", 0, 1)).hasMessageContaining("line must be >= 1");
  }

  @Test
  void windowsSeparatorsBecomeSlashes() {
    assertThat(Location.inFile("backend\\app.py", 1, null).file()).isEqualTo("backend/app.py");
  }

  @Test
  void severityMapsToolWords() {
    assertThat(Severity.fromToolLevel("error")).isEqualTo(Severity.HIGH);
    assertThat(Severity.fromToolLevel("moderate")).isEqualTo(Severity.MEDIUM);
    assertThat(Severity.fromToolLevel("note")).isEqualTo(Severity.LOW);
    assertThat(Severity.fromToolLevel("informational")).isEqualTo(Severity.INFO);
    assertThat(Severity.fromToolLevel("whatever")).isEqualTo(Severity.MEDIUM);
    assertThat(Severity.CRITICAL.isAtLeast(Severity.HIGH)).isTrue();
    assertThat(Severity.LOW.isAtLeast(Severity.MEDIUM)).isFalse();
  }
}
