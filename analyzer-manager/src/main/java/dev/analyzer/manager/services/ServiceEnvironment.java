package dev.analyzer.manager.services;

import dev.analyzer.manager.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The environment the CLI gives the services it starts. Stateless. */
public final class ServiceEnvironment {

  private ServiceEnvironment() {}

  /**
   * {@code ANALYZER_SOURCE_ROOTS}: the CLI's own value if set, else the working directory and the
   * project home; always with the bundled examples.
   */
  public static Map<String, String> of(Workspace ws, Map<String, String> env) {
    Set<String> roots = new LinkedHashSet<>();
    String given = env.get("ANALYZER_SOURCE_ROOTS");
    if (given != null && !given.isBlank()) {
      for (String r : given.split(":")) {
        if (!r.isBlank()) {
          roots.add(r.strip());
        }
      }
    } else {
      roots.add(Path.of("").toAbsolutePath().toString());
      roots.add(ws.home().toString());
    }
    if (java.nio.file.Files.isDirectory(ws.examples())) {
      roots.add(ws.examples().toString());
    }
    return Map.of("ANALYZER_SOURCE_ROOTS", String.join(":", roots));
  }
}
