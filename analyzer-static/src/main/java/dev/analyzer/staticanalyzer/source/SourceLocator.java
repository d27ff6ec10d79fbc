package dev.analyzer.staticanalyzer.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds an app's source directory as the original did: {@code {apps_dir}/{model_slug}/app{N}}, else
 * the template form {@code {apps_dir}/{model_slug}/{template}/app{N}} (first non-hidden match in
 * name order). Stateless.
 */
public final class SourceLocator {

  private SourceLocator() {}

  /** The app directory, if it exists. */
  public static Optional<Path> locate(Path appsDir, String modelSlug, int appNumber) throws IOException {
    if (modelSlug == null || modelSlug.isBlank() || modelSlug.contains("..") || modelSlug.startsWith("/")) {
      return Optional.empty();
    }
    Path model = appsDir.resolve(modelSlug).normalize();
    if (!model.startsWith(appsDir)) {
      return Optional.empty();
    }
    Path direct = model.resolve("app" + appNumber);
    if (Files.isDirectory(direct)) {
      return Optional.of(direct);
    }
    if (!Files.isDirectory(model)) {
      return Optional.empty();
    }
    java.util.List<Path> templates = new java.util.ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(model)) {
      for (Path child : children) {
        if (Files.isDirectory(child) && !child.getFileName().toString().startsWith(".")) {
          templates.add(child);
        }
      }
    }
    templates.sort(null);
    for (Path t : templates) {
      Path candidate = t.resolve("app" + appNumber);
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
