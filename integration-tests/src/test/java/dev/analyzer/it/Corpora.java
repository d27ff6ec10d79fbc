package dev.analyzer.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Source trees for the tests: a tiny app (fast analyses) and a big one (slow pylint runs). */
final class Corpora {

  private Corpora() {}

  static Path tiny(Path dir) throws IOException {
    Path app = Files.createDirectories(dir.resolve("tiny/backend"));
    // eval of a computed string: a finding for the syntax engine (eval of a literal is not one)
    Files.writeString(app.resolve("app.py"),
        "import os\nPASSWORD = os.environ.get('P')\nprint(eval(os.environ.get('EXPR', '1+1')))\n");
    return dir.resolve("tiny");
  }

  /** Enough Python for pylint to take several seconds. */
  static Path big(Path dir) throws IOException {
    Path root = dir.resolve("big");
    for (int i = 0; i < 200; i++) {
      Path f = Files.createDirectories(root.resolve("pkg" + (i % 10))).resolve("m" + i + ".py");
      StringBuilder sb = new StringBuilder("import os\nimport sys\n\n");
      for (int k = 0; k < 60; k++) {
        sb.append("def f_").append(k).append("(x, y):\n    if x > y:\n        return os.path.join(str(x), str(y))\n")
            .append("    return sys.argv[0]\n\n");
      }
      Files.writeString(f, sb.toString());
    }
    return root;
  }
}
