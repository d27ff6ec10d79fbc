package dev.analyzer.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.DocumentedOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HttpOptionsTest {

  static final String ROW = "| `ANALYZER_ALLOWED_TARGETS` | none (loopback only) | comma list of host names, IPs and "
      + "CIDRs (IPv4, IPv6) | targets whose host is listed, or all of whose addresses are listed or in a listed "
      + "block, are allowed besides loopback (127.0.0.0/8, ::1) |";

  @Test
  void theTableHoldsTheAllowListRow() {
    assertThat(HttpOptions.TABLE.markdown()).contains(ROW);
    assertThat(HttpOptions.TABLE.find("ANALYZER_ALLOWED_TARGETS")).isPresent();
  }

  /** Runs once the lead has added the row to README.md; until then it is skipped, not passed. */
  @Test
  void theReadmeAgreesOnceItListsTheSetting() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Assumptions.assumeTrue(readme.contains("ANALYZER_ALLOWED_TARGETS"), "README has no ANALYZER_ALLOWED_TARGETS row yet");
    assertThat(DocumentedOptions.mismatches(HttpOptions.TABLE, readme)).isEmpty();
  }
}
