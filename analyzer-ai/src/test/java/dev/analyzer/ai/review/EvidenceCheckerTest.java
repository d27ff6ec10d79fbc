package dev.analyzer.ai.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.code.SourceFile;
import dev.analyzer.ai.requirements.Requirement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceCheckerTest {

  static final AppSource APP = AppSource.of(Path.of("."), List.of(new SourceFile("backend/app.py", List.of(
      "from flask import Flask", "", "@app.route('/api/todos')", "def list_todos():", "    return jsonify([])"))));
  static final Requirement R = new Requirement("r", "list todos", "backend");

  static RequirementVerdict claim(Verdict v, Evidence... ev) {
    return new RequirementVerdict(R, v, "HIGH", 1, "because", List.of(ev), "llm", "skipped", null, false);
  }

  @Test
  void aTrueCitationIsConfirmedEvenASlightlyOffLineOrAShortPath() {
    RequirementVerdict v = EvidenceChecker.check(claim(Verdict.MET, new Evidence("./app.py", 4,
        "@app.route('/api/todos')", null)), APP);

    assertThat(v.verdict()).isEqualTo(Verdict.MET);
    assertThat(v.verificationPass()).isEqualTo("confirmed");
    assertThat(v.evidence().get(0).verified()).isTrue();
  }

  @Test
  void aWrongQuoteAMissingFileOrALinePastTheEndDowngrades() {
    for (Evidence e : List.of(new Evidence("backend/app.py", 3, "@app.route('/api/users')", null),
        new Evidence("backend/nope.py", 3, "x", null), new Evidence("backend/app.py", 99, "return", null),
        new Evidence("backend/app.py", 3, "", null))) {
      RequirementVerdict v = EvidenceChecker.check(claim(Verdict.MET, e), APP);
      assertThat(v.verdict()).isEqualTo(Verdict.PARTIAL);
      assertThat(v.confidence()).isEqualTo("LOW");
      assertThat(v.met()).isFalse();
      assertThat(v.verificationPass()).isEqualTo("failed");
      assertThat(v.explanation()).startsWith("[EVIDENCE NOT FOUND]");
    }
  }

  @Test
  void metWithoutAnyCitationIsPartial() {
    RequirementVerdict v = EvidenceChecker.check(claim(Verdict.MET), APP);

    assertThat(v.verdict()).isEqualTo(Verdict.PARTIAL);
    assertThat(v.explanation()).startsWith("[NO EVIDENCE]");
  }

  @Test
  void aTooShortQuoteOrOneGluedAcrossLinesIsNotEvidence() {
    for (String quote : List.of(")", "todos", "'/api", "list_todos():return")) {
      RequirementVerdict v = EvidenceChecker.check(claim(Verdict.MET, new Evidence("backend/app.py", 3, quote, null)), APP);
      assertThat(v.verdict()).as(quote).isEqualTo(Verdict.PARTIAL);
      assertThat(v.confidence()).isEqualTo("LOW");
      assertThat(v.verificationPass()).isEqualTo("failed");
      assertThat(v.evidence().get(0).verified()).isFalse();
      assertThat(v.explanation()).startsWith("[EVIDENCE NOT FOUND]");
    }
    RequirementVerdict tooShort = EvidenceChecker.check(claim(Verdict.MET, new Evidence("backend/app.py", 3, ")", null)),
        APP);
    assertThat(tooShort.explanation()).contains("too short");
  }

  @Test
  void aQuoteOfAWholeShortLineOrOfEachLineOfAMultiLineQuoteHolds() {
    AppSource app = AppSource.of(Path.of("."), List.of(new SourceFile("a.py", List.of("x = 1", "def f():",
        "    return x"))));
    for (String quote : List.of("x = 1", "def f():\n    return x", "return x")) {
      RequirementVerdict v = EvidenceChecker.check(claim(Verdict.MET, new Evidence("a.py", 2, quote.replace("\\n", "\n"),
          null)), app);
      assertThat(v.verificationPass()).as(quote).isEqualTo("confirmed");
    }
  }
}
