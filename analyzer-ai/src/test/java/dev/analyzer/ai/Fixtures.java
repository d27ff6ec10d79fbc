package dev.analyzer.ai;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the test fixtures (from the test classpath, never ../shared). */
public final class Fixtures {

  private Fixtures() {}

  /** A resource directory or file under {@code src/test/resources}. */
  public static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The todo app with known requirement truth. */
  public static Path todoApp() {
    return resource("fixtures/todo-app");
  }
}
