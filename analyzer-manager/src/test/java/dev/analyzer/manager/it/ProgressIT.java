package dev.analyzer.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ServiceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trap 6: the CLI's progress never goes backwards, whatever order the service's figures come in. */
class ProgressIT {

  /** A static service that reports 60 %, then 10 % (a new stage counting from zero), then 30 %, then done. */
  private static final class BackwardsProgress implements AnalyzerService {
    @Override
    public String name() {
      return "static-analyzer";
    }

    @Override
    public String version() {
      return "0.0.1";
    }

    @Override
    public AnalysisKind kind() {
      return AnalysisKind.STATIC;
    }

    @Override
    public AnalysisOutcome analyze(AnalysisContext ctx) {
      ctx.progress("tools", "first tools done", 60.0);
      ctx.progress("report", "assembling", 10.0);
      ctx.progress("report", "still assembling", 30.0);
      ctx.progress("done", "done", 100.0);
      return AnalysisOutcome.success(Analysis.builder().forRequest(ctx.request()).withStatus("success").build());
    }
  }

  @Test
  void progressNeverGoesBackwards(@TempDir Path scratch) throws Exception {
    Cli cli = Cli.withStaticOnly(scratch);
    ServiceSettings settings = ServiceSettings.defaults(0).withPort(0).withSourceRoots(List.of(cli.state()))
        .withShutdownGrace(Duration.ofSeconds(2));
    AnalyzerServer server = AnalyzerServer.builder(new BackwardsProgress()).withSettings(settings)
        .withEventLoopThreads(1).build().start();
    try {
      Cli.Run r = cli.env("STATIC_ANALYZER_URLS", "ws://127.0.0.1:" + server.port()).run("analyze", "--source",
          cli.state().toString(), "--types", "static");

      assertThat(r.exit()).as(r.out()).isZero();
      Matcher m = Pattern.compile("(?m)^\\[static\\]\\s+(\\d+)% (.*)$").matcher(r.out());
      int last = -1;
      int seen = 0;
      while (m.find()) {
        int pct = Integer.parseInt(m.group(1));
        assertThat(pct).as("after %d%%: %s", last, m.group(0)).isGreaterThanOrEqualTo(last);
        last = pct;
        seen++;
      }
      assertThat(seen).as(r.out()).isGreaterThanOrEqualTo(4);
      assertThat(r.out()).contains("[static]  60% assembling");
    } finally {
      server.close();
    }
  }
}
