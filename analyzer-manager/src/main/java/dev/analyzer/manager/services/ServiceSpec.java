package dev.analyzer.manager.services;

import dev.analyzer.core.protocol.AnalysisKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One analyzer service the CLI knows: its short name, kind, module and runnable jar, and default port.
 *
 * @param name static, dynamic, performance or ai
 * @param kind the analysis it performs
 * @param module the Maven module that builds it
 * @param jar the runnable jar, relative to the project home
 */
public record ServiceSpec(String name, AnalysisKind kind, String module, String jar) {

  /** Every service of the design, built or not. */
  public static final List<ServiceSpec> ALL = List.of(
      new ServiceSpec("static", AnalysisKind.STATIC, "analyzer-static", "analyzer-static/target/analyzer-static.jar"),
      new ServiceSpec("dynamic", AnalysisKind.DYNAMIC, "analyzer-dynamic", "analyzer-dynamic/target/analyzer-dynamic.jar"),
      new ServiceSpec("performance", AnalysisKind.PERFORMANCE, "analyzer-performance",
          "analyzer-performance/target/analyzer-performance.jar"),
      new ServiceSpec("ai", AnalysisKind.AI, "analyzer-ai", "analyzer-ai/target/analyzer-ai.jar"));

  /** The variable naming its replica URLs, as the original: STATIC_ANALYZER_URLS, PERF_TESTER_URLS, ... */
  public String urlVariable() {
    return name.equals("performance") ? "PERF_TESTER_URLS" : name.toUpperCase(Locale.ROOT) + "_ANALYZER_URLS";
  }

  public int defaultPort() {
    return kind.defaultPort();
  }

  /** True when the module exists in this checkout (static is; the others are still to be written). */
  public boolean moduleExists(Path home) {
    return Files.isDirectory(home.resolve(module));
  }

  /** True when its runnable jar has been built. */
  public boolean built(Path home) {
    return Files.isRegularFile(home.resolve(jar));
  }

  /** The service named {@code name} (case-insensitive; "perf" is performance). */
  public static Optional<ServiceSpec> named(String name) {
    String n = name.toLowerCase(Locale.ROOT).strip();
    if (n.equals("perf")) {
      n = "performance";
    }
    for (ServiceSpec s : ALL) {
      if (s.name.equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The spec of {@code kind}. */
  public static ServiceSpec of(AnalysisKind kind) {
    return ALL.stream().filter(s -> s.kind == kind).findFirst().orElseThrow();
  }
}
