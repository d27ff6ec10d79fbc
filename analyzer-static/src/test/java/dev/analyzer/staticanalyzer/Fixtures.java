package dev.analyzer.staticanalyzer;

import dev.analyzer.core.findings.Finding;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The fixture apps under src/test/resources/apps. */
public final class Fixtures {

  private Fixtures() {}

  public static Path app(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/apps/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String read(String app, String file) throws IOException {
    return Files.readString(app(app).resolve(file));
  }

  /** "rule@line" for each finding, for compact assertions. */
  public static List<String> rulesAndLines(List<Finding> findings) {
    return findings.stream().map(f -> f.ruleId() + "@" + f.location().line()).sorted().collect(Collectors.toList());
  }

  public static List<String> rules(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).sorted().collect(Collectors.toList());
  }
}
