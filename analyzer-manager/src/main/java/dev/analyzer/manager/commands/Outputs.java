package dev.analyzer.manager.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.analyzer.manager.report.Consolidated;
import dev.analyzer.manager.report.ResultsWriter;
import dev.analyzer.manager.run.RunStatus;
import dev.analyzer.manager.run.ServiceOutcome;
import dev.analyzer.manager.text.Colors;
import dev.analyzer.manager.text.Durations;
import dev.analyzer.manager.text.TextTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a run's outcome in the format the user asked for, to stdout or {@code --output}. Stateless. */
final class Outputs {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Outputs() {}

  static void emit(Console console, Consolidated c, ResultsWriter.Written files, int code) throws IOException {
    String body = switch (console.format()) {
      case "json" -> JSON.writeValueAsString(summary(c, files, code));
      case "html" -> Files.readString(files.html());
      case "sarif" -> Files.readString(files.mergedSarif());
      case "junit" -> Files.readString(files.junit());
      default -> null;
    };
    if (console.output() != null) {
      Path parent = console.output().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(console.output(), body != null ? body : text(c, files, new Colors(false)));
      if (!console.quiet()) {
        console.out().print(text(c, files, console.colors()));
        console.out().println("output:   " + console.output());
      }
    } else if (body != null) {
      console.out().println(body);
    } else if (!console.quiet()) {
      console.out().print(text(c, files, console.colors()));
    } else if (c.status().lacksAnalyses()) {
      System.err.println(c.status().headline());
    }
  }

  static Map<String, Object> summary(Consolidated c, ResultsWriter.Written files, int code) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task_id", c.report().taskId());
    m.put("status", c.status().status());
    m.put("summary", c.summary());
    Map<String, Object> services = new LinkedHashMap<>();
    for (ServiceOutcome o : c.report().outcomes()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("state", o.state());
      s.put("detail", o.detail());
      s.put("duration_seconds", Durations.seconds(o.duration()));
      services.put(o.spec().name(), s);
    }
    m.put("services", services);
    m.put("thresholds_failed", RunSupport.failedThresholds(c));
    m.put("results_dir", files.directory().toString());
    m.put("report_html", files.html().toString());
    m.put("sarif", files.mergedSarif().toString());
    m.put("exit_code", code);
    return m;
  }

  static String text(Consolidated c, ResultsWriter.Written files, Colors colors) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
    RunStatus s = c.status();
    out.println();
    if (s.lacksAnalyses()) {
      out.println(colors.red(s.headline()));
      for (RunStatus.Problem p : s.problems()) {
        out.println(colors.red("  " + p.service() + ": " + p.state() + ": " + p.reason()));
      }
      if (Boolean.TRUE.equals(c.summary().get("missing_allowed"))) {
        out.println("  (--allow-missing: the missing services do not change the exit code)");
      }
    } else {
      out.println(s.status().equals("completed") ? colors.green(s.headline()) : colors.yellow(s.headline()));
    }
    TextTable t = new TextTable("service", "state", "time", "detail");
    for (ServiceOutcome o : c.report().outcomes()) {
      t.row(o.spec().name(), o.state(), o.duration().isZero() ? "-" : Durations.format(o.duration()), o.detail());
    }
    t.print(out);
    @SuppressWarnings("unchecked")
    Map<String, Integer> sev = (Map<String, Integer>) c.summary().get("severity_breakdown");
    out.printf("%nfindings: %d  (critical %d, high %d, medium %d, low %d, info %d)%n", c.findings().size(),
        sev.get("critical"), sev.get("high"), sev.get("medium"), sev.get("low"), sev.get("info"));
    for (String failed : RunSupport.failedThresholds(c)) {
      out.println(colors.red("load-test threshold failed: " + failed));
    }
    if (c.summary().get("baseline") instanceof Map<?, ?> b) {
      out.println("baseline: " + b.get("known") + " known findings left out, " + c.findings().size() + " new");
    }
    out.println("finished: " + Durations.timestamp(c.report().finished()));
    out.println("results:  " + files.directory());
    out.println("report:   " + files.html());
    out.println("json:     " + files.consolidated());
    out.println("sarif:    " + files.mergedSarif());
    return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
