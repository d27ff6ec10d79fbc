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

  /** What FieldReader did before the fast path: offset form, else a naive local time read as UTC. */
  private static Instant jdk(String text) {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-27T12:00:00Z", "2026-11-27T12:00:00.5Z", "2026-11-27T12:00:00.123456",
      "2026-11-27T12:00:00", "2026-11-27T12:00:00.123456789+02:00", "2026-11-27T12:00:00-05:30",
      "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-18:00"})
  void parsesTheCommonShapesAsTheJdkDoes(String text) {
    assertThat(IsoInstants.parse(text)).isEqualTo(jdk(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026-11-27", "2026-11-27T12:00Z", "2026-02-30T12:00:00Z", "2026-11-27T24:00:00Z",
      "2026-11-27T12:00:60Z", "2026-11-27t12:00:00Z", "2026-11-27T12:00:00z", "2026-11-27T12:00:00.Z",
      "2026-11-27T12:00:00.1234567890Z", "2026-11-27T12:00:00+19:00", "2026-11-27T12:00:00+02",
      "2026-11-27T12:00:00+02:00:30", "+12026-11-27T12:00:00Z", "2026-11-27T12:00:00 Z", "２026-11-27T12:00:00Z",
      "2026-11-27T12:00:00Zjunk"})
  void leavesEverythingElseToTheJdk(String text) {
    assertThat(IsoInstants.parse(text)).isNull();
  }

  @Test
  void agreesWithTheJdkParserOnAHundredThousandRandomTimestamps() {
    SplittableRandom random = new SplittableRandom(7);
    String[] offsets = {"Z", "", "+00:00", "+02:00", "-05:30", "+14:00", "-18:00"};
    for (int i = 0; i < 100_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000_000));
      String local = java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC).toString();
      if (local.length() == 16) {
        local += ":00";
      }
      String text = local + offsets[i % offsets.length];

      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(jdk(text));
    }
  }
}
