package dev.analyzer.core.sarif;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a {@link SarifWriter}. Not thread-safe. */
public final class SarifWriterBuilder {

  Path sourceRoot;
  final Map<String, SarifTool> tools = new LinkedHashMap<>();
  String category = "analyzer";

  SarifWriterBuilder() {}

  /**
   * The analysed source root: absolute file paths under it become relative URIs, and it is
   * recorded as {@code %SRCROOT%}. Default: none (paths are taken as already relative).
   */
  public SarifWriterBuilder withSourceRoot(Path sourceRoot) {
    this.sourceRoot = sourceRoot == null ? null : sourceRoot.toAbsolutePath().normalize();
    return this;
  }

  /** Version and home page of {@code tool}, for its run's {@code tool.driver}. */
  public SarifWriterBuilder withTool(String tool, String version, String informationUri) {
    this.tools.put(tool, new SarifTool(version, informationUri));
    return this;
  }

  /**
   * The prefix of each run's {@code automationDetails.id} ({@code <category>/<tool>/}); default
   * {@code analyzer}.
   *
   * @throws IllegalArgumentException if blank or containing {@code /}
   */
  public SarifWriterBuilder withCategory(String category) {
    if (category == null || category.isBlank() || category.contains("/")) {
      throw new IllegalArgumentException("SARIF category must be a non-blank word without '/', got " + category);
    }
    this.category = category;
    return this;
  }

  public SarifWriter build() {
    return new SarifWriter(this);
  }
}
