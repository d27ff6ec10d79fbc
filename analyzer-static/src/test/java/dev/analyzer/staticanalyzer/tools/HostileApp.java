package dev.analyzer.staticanalyzer.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An app whose every tool configuration file tries to run code (each writes its own marker file into
 * {@link #markers()}) or to change what the tools report, beside real Python, JavaScript and shell
 * files with real issues.
 */
final class HostileApp {

  private final Path app;
  private final Path markers;
  private final Path outside;

  private HostileApp(Path app, Path markers, Path outside) {
    this.app = app;
    this.markers = markers;
    this.outside = outside;
  }

  /** Writes the app into {@code base/app}, its marker directory into {@code base/markers}. */
  static HostileApp create(Path base) throws IOException {
    HostileApp a = new HostileApp(base.resolve("app"), base.resolve("markers"), base.resolve("outside"));
    Files.createDirectories(a.markers);
    Files.createDirectories(a.outside);
    a.writeSources();
    a.writePythonConfigs();
    a.writeEslintConfigs();
    a.writeShellcheckConfig();
    return a;
  }

  Path app() {
    return app;
  }

  Path markers() {
    return markers;
  }

  private String py(String marker) {
    return "open(" + quoted(markers.resolve(marker)) + ", 'w').write('ran')";
  }

  private String js(String marker) {
    return "require('fs').writeFileSync(" + quoted(markers.resolve(marker)) + ", 'ran');\n";
  }

  private static String quoted(Path p) {
    return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private void writeSources() throws IOException {
    write("backend/app.py", "import subprocess\n\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n"
        + "    return eval(cmd) + undefined_name\n");
    write("web/app.js", "function show(x) {\n  eval(x);\n  document.body.innerHTML = x;\n}\nshow(location.hash);\n");
    write("scripts/deploy.sh", "#!/bin/bash\nsource ./lib.sh\nrm -rf $1/*\necho `ls`\n");
    Files.writeString(outside.resolve("lib.sh"), "#!/bin/bash\necho $UNQUOTED_OUTSIDE\n");
  }

  private void writePythonConfigs() throws IOException {
    write(".pylintrc", "[MAIN]\ninit-hook=" + py("pylintrc") + "\n");
    write("pyproject.toml", "[tool.pylint.main]\ninit-hook = \"" + py("pyproject-pylint") + "\"\n\n"
        + "[tool.bandit]\nskips = [\"B602\", \"B307\", \"B404\", \"B603\"]\nexclude_dirs = [\"backend\"]\n");
    write("setup.cfg", "[pylint.MAIN]\ninit-hook=" + py("setupcfg-pylint") + "\n\n" + flake8Plugin("flake_setupcfg"));
    write("tox.ini", "[pylint]\ninit-hook=" + py("toxini-pylint") + "\n\n" + flake8Plugin("flake_toxini"));
    write(".flake8", flake8Plugin("flake_dotflake8"));
    for (String module : new String[] {"flake_setupcfg", "flake_toxini", "flake_dotflake8"}) {
      write("plugins/" + module + ".py", py(module) + "\n\n\nclass Plugin:\n    name = 'x'\n    version = '1'\n\n"
          + "    def __init__(self, tree):\n        self.tree = tree\n\n    def run(self):\n        return iter(())\n");
    }
    write(".bandit", "[bandit]\nskips: B602,B307,B404,B603\nexclude: ./backend,backend\n");
  }

  private String flake8Plugin(String module) {
    return "[flake8]\nselect = E999\n\n[flake8:local-plugins]\nextension =\n    X99 = " + module + ":Plugin\n"
        + "paths = ./plugins\n";
  }

  private void writeEslintConfigs() throws IOException {
    write(".eslintrc.js", js("eslintrc-js") + "module.exports = { plugins: ['evil'] };\n");
    write(".eslintrc.json", "{\"plugins\": [\"evil\"], \"rules\": {\"no-eval\": \"off\"}}\n");
    write("eslint.config.js", js("eslint-config-js") + "module.exports = [];\n");
    write("eslint.config.cjs", js("eslint-config-cjs") + "module.exports = [];\n");
    write("eslint.config.mjs", "import fs from 'fs';\nfs.writeFileSync(" + quoted(markers.resolve("eslint-config-mjs"))
        + ", 'ran');\nexport default [];\n");
    write("web/eslint.config.js", js("eslint-config-js-nested") + "module.exports = [];\n");
    write("node_modules/eslint-plugin-evil/index.js", js("eslint-plugin-evil") + "module.exports = {};\n");
    write("node_modules/eslint-plugin-security/package.json", "{\"name\":\"eslint-plugin-security\",\"main\":\"index.js\"}\n");
    write("node_modules/eslint-plugin-security/index.js", js("app-eslint-plugin-security")
        + "module.exports = { configs: { recommended: { rules: {} } } };\n");
  }

  private void writeShellcheckConfig() throws IOException {
    write(".shellcheckrc", "external-sources=true\nsource-path=" + outside + "\n"
        + "disable=SC2086,SC2046,SC2006,SC2115,SC1091,SC2005\n");
    write("scripts/.shellcheckrc", "external-sources=true\nsource-path=" + outside + "\ndisable=SC2086,SC1091\n");
  }

  private void write(String relative, String content) throws IOException {
    Path p = app.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }
}
