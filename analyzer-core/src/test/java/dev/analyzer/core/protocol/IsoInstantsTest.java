package dev.analyzer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast formatter writes exactly what {@link Instant#toString()} writes. */
class IsoInstantsTest {

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-27T12:00:00Z", "2026-11-27T12:00:00.250Z", "2026-11-27T12:00:00.000250Z",
      "2026-11-27T12:00:00.000000250Z", "2026-11-27T12:00:00.100200300Z", "1970-01-01T00:00:00Z",
      "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T23:59:59.001Z", "1969-12-31T23:59:59.5Z"})
  void matchesInstantToString(String text) {
    Instant t = Instant.parse(text);

    assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
  }

  @Test
  void yearsOutsideFourDigitsFallBackToTheJdk() {
    assertThat(IsoInstants.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    assertThat(IsoInstants.format(Instant.MIN)).isEqualTo(Instant.MIN.toString());
    Instant early = Instant.parse("0000-01-01T00:00:00Z").minusNanos(1);
    assertThat(IsoInstants.format(early)).isEqualTo(early.toString());
  }

  @Test
  void agreesWithTheJdkOnAHundredThousandRandomInstants() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 100_000; i++) {
      long second = random.nextLong(-62_167_219_200L, 253_402_300_800L);
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(second, nanos);

      assertThat(IsoInstants.format(t)).as("%s", t).isEqualTo(t.toString());
      // the same second again, from the cache
      assertThat(IsoInstants.format(t.plusNanos(1))).isEqualTo(t.plusNanos(1).toString());
    }
  }
}
