package dev.analyzer.staticanalyzer.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceTree;
import dev.analyzer.staticanalyzer.source.WalkLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy an external tool runs on holds only the walked files of its language, read through the
 * confined root: no tool configuration of the app, no {@code node_modules}, nothing a link swapped
 * in after the walk points at; and it is gone after the run.
 */
class ToolWorkspaceTest {

  @TempDir
  Path base;

  @Test
  void holdsOnlyTheCheckedFilesOfItsLanguageAndIsDeletedOnClose() throws Exception {
    Path app = Files.createDirectories(base.resolve("app")).toRealPath();
    Path outside = Files.createDirectories(base.resolve("outside")).toRealPath();
    Files.writeString(outside.resolve("secret.py"), "TOKEN = 'OUTSIDE-SECRET'\n");
    Files.createDirectories(app.resolve("pkg"));
    Files.writeString(app.resolve("pkg/__init__.py"), "");
    Files.writeString(app.resolve("pkg/main.py"), "import os\n");
    Files.writeString(app.resolve("pkg/swapped.py"), "x = 1\n");
    Files.writeString(app.resolve(".pylintrc"), "[MAIN]\ninit-hook=import os\n");
    Files.writeString(app.resolve("setup.cfg"), "[flake8]\n");
    Files.writeString(app.resolve("web.js"), "eval(x)\n");
    SourceTree tree = SourceTree.walk(app, new WalkLimits(1 << 20, 1000, 1 << 30, 32));
    Files.delete(app.resolve("pkg/swapped.py"));
    Files.createSymbolicLink(app.resolve("pkg/swapped.py"), outside.resolve("secret.py"));

    Path dir;
    try (ToolWorkspace ws = ToolWorkspace.create(tree, Language.PYTHON)) {
      dir = ws.sources().getParent();
      assertThat(ws.files()).containsExactly("pkg/__init__.py", "pkg/main.py");
      try (Stream<Path> all = Files.walk(ws.sources())) {
        assertThat(all.filter(Files::isRegularFile).map(p -> ws.sources().relativize(p).toString()))
            .containsExactlyInAnyOrder("pkg/__init__.py", "pkg/main.py");
      }
      assertThat(Files.readString(ws.sources().resolve("pkg/main.py"))).isEqualTo("import os\n");
      assertThat(ws.sources()).isEqualTo(ws.sources().toRealPath());
    }
    assertThat(dir).doesNotExist();
  }
}
