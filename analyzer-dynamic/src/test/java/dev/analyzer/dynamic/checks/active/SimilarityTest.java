package dev.analyzer.dynamic.checks.active;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The "same page" comparison the differential probes rely on. */
class SimilarityTest {

  @Test
  void probeValuesAreRemovedRawEncodedAndEscaped() {
    String v = "x' AND '7'='7";

    assertThat(Similarity.strip("<p>No results for x&#x27; AND &#x27;7&#x27;=&#x27;7</p>", v))
        .isEqualTo("<p>No results for </p>");
    assertThat(Similarity.strip("{\"q\":\"a\\\"b\"}", "a\"b")).isEqualTo("{\"q\":\"\"}");
  }

  @Test
  void pagesDifferingInAFewWordsOrMuchLengthAreNotTheSame() {
    String list = "[{\"id\":1,\"name\":\"alice\"},{\"id\":2,\"name\":\"bob\"},{\"id\":3,\"name\":\"carol\"}]";

    assertThat(Similarity.sameText(list, list.replace("carol", "carl"))).isFalse();
    assertThat(Similarity.sameText(list, "[]")).isFalse();
    assertThat(Similarity.sameText("<html>" + "word ".repeat(200) + "</html>", "<html>" + "word ".repeat(201)
        + "</html>")).isTrue();
  }

  @Test
  void markersAreUniqueLowerCaseTokens() {
    String a = ParamUnderTest.marker();
    String b = ParamUnderTest.marker();

    assertThat(a).matches("zq[0-9a-z]+").isNotEqualTo(b);
  }
}
