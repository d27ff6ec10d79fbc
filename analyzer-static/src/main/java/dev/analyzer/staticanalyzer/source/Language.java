package dev.analyzer.staticanalyzer.source;

import java.util.Locale;

/** What a file is, by name; decides which analyzers read it and where results are grouped. */
public enum Language {
  PYTHON("python"),
  JAVASCRIPT("javascript"),
  CSS("css"),
  HTML("html"),
  SHELL("shell"),
  DOCKERFILE("docker"),
  CONFIG("config"),
  OTHER("other");

  private final String group;

  Language(String group) {
    this.group = group;
  }

  /** The group name in {@code analysis.results} ({@code python}, {@code javascript}, ...). */
  public String group() {
    return group;
  }

  /** The language of a file name. */
  public static Language of(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".py") || name.endsWith(".pyw")) {
      return PYTHON;
    }
    if (name.endsWith(".js") || name.endsWith(".jsx") || name.endsWith(".mjs") || name.endsWith(".cjs")
        || name.endsWith(".ts") || name.endsWith(".tsx")) {
      return JAVASCRIPT;
    }
    if (name.endsWith(".css") || name.endsWith(".scss")) {
      return CSS;
    }
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return HTML;
    }
    if (name.endsWith(".sh") || name.endsWith(".bash")) {
      return SHELL;
    }
    if (name.equals("dockerfile") || name.startsWith("dockerfile.") || name.endsWith(".dockerfile")) {
      return DOCKERFILE;
    }
    if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".cfg") || name.endsWith(".ini")
        || name.endsWith(".toml") || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")
        || name.endsWith(".txt") || name.endsWith(".conf")) {
      return CONFIG;
    }
    return OTHER;
  }
}
