package dev.analyzer.manager.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.ProgressUpdate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

  @Test
  void thePercentageNeverGoesBackwards() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ProgressPrinter p = new ProgressPrinter(new PrintStream(buf, true, StandardCharsets.UTF_8), false);

    p.update("static", ProgressUpdate.of("id", "static-analyzer", "tools", "bandit: 3 issues", 60.0, null));
    p.update("static", ProgressUpdate.of("id", "static-analyzer", "report", "assembling", 10.0, null));
    p.update("static", ProgressUpdate.of("id", "static-analyzer", "report", "no figure", null, null));
    p.update("static", ProgressUpdate.of("id", "static-analyzer", "done", "done", 100.0, null));

    assertThat(buf.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "[static]  60% bandit: 3 issues", "[static]  60% assembling", "[static]  60% no figure", "[static] 100% done");
    assertThat(p.percent("static")).isEqualTo(100.0);
  }
}
