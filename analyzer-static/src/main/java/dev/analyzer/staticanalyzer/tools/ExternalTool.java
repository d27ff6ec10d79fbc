package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.time.Duration;

/**
 * What every external-program tool shares: its name, results group, the language whose files it
 * reads, the version detected at start (null when not installed) and its timeout. Subclasses only
 * run the program and read its output. Thread-safe.
 */
abstract class ExternalTool implements StaticTool {

  private final String name;
  private final String group;
  private final Language language;
  private final String version;
  protected final Duration timeout;

  ExternalTool(String name, String group, Language language, String version, Duration timeout) {
    this.name = name;
    this.group = group;
    this.language = language;
    this.version = version;
    this.timeout = timeout;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String group() {
    return group;
  }

  @Override
  public boolean available() {
    return version != null;
  }

  @Override
  public final String version() {
    return version;
  }

  @Override
  public final boolean appliesTo(SourceTree tree) {
    return !tree.files(language).isEmpty();
  }
}
