package dev.analyzer.staticanalyzer.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The security review's apps whose Python files make pylint run their code, each payload writing a
 * marker file into a directory outside the app: a file named {@code --init-hook=...#.py} (pylint
 * pre-scans argv for it), a fake {@code gi} package imported by astroid's brain_gi, and a
 * {@code pkgutil.py} shadowing the standard one (used by {@code import gi.repository.GLib} when
 * python3-gi is installed). Beside them, a file with real pylint findings.
 */
final class CodeRunningApps {

  static final String INIT_HOOK_MARKER = "inithook";
  static final String GI_MARKER = "gi";
  static final String PKGUTIL_MARKER = "pkgutil";

  private CodeRunningApps() {}

  /** The init-hook file name whose hook writes {@code markers/inithook} (no '/' in a name: chr(47)). */
  static String initHookName(Path markers) {
    List<String> parts = new ArrayList<>();
    for (Path p : markers.resolve(INIT_HOOK_MARKER)) {
      parts.add("'" + p + "'");
    }
    return "--init-hook=import os;os.system('id>'+chr(47).join(['',"
        + String.join(",", parts) + "]))#.py";
  }

  /** {@code app/} with the init-hook file, the fake gi package and {@code app.py} (eval: pylint W0123). */
  static Path injectAndFakeGi(Path app, Path markers) throws IOException {
    Files.createDirectories(app.resolve("backend/gi/repository"));
    Files.writeString(app.resolve(initHookName(markers)), "print(1)\n");
    Files.writeString(app.resolve("app.py"), "\"\"\"App.\"\"\"\n\n\ndef run(x):\n    \"\"\"Run.\"\"\"\n"
        + "    return eval(x)\n");
    Files.writeString(app.resolve("backend/gi/__init__.py"), writes(markers.resolve(GI_MARKER)));
    Files.writeString(app.resolve("backend/gi/repository/__init__.py"), "");
    Files.writeString(app.resolve("backend/main.py"), "from gi.repository import Gtk\nGtk.Window()\n");
    return app;
  }

  /** {@code app/} with {@code backend/pkgutil.py} and {@code import gi.repository.GLib}. */
  static Path shadowedPkgutil(Path app, Path markers) throws IOException {
    Files.createDirectories(app.resolve("backend"));
    Files.writeString(app.resolve("backend/pkgutil.py"), writes(markers.resolve(PKGUTIL_MARKER)));
    Files.writeString(app.resolve("backend/app.py"), "import gi.repository.GLib\nprint(gi.repository.GLib)\n");
    Files.writeString(app.resolve("app.py"), "\"\"\"App.\"\"\"\n\n\ndef run(x):\n    \"\"\"Run.\"\"\"\n"
        + "    return eval(x)\n");
    return app;
  }

  private static String writes(Path marker) {
    return "import os\nopen(" + pythonString(marker.toString()) + ", 'w').write(str(os.getpid()))\n";
  }

  private static String pythonString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** True when /usr/bin/python3 can import gi (Debian python3-gi), which the pkgutil variant needs. */
  static boolean pythonGiInstalled() {
    try {
      Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import gi").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
