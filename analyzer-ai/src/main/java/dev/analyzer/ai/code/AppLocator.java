package dev.analyzer.ai.code;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.service.AnalysisContext;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request into its app directory: {@code source_path}, else {@code {apps_dir}/{model_slug}/app{N}},
 * else {@code {apps_dir}/{model_slug}/{template}/app{N}} (first template by name). Every derived path
 * goes through {@link AnalysisContext#resolveSource}; messages name the path as the request did, never
 * a root. Stateless.
 */
public final class AppLocator {

  /** The directory, or why there is none. */
  public record Located(Path directory, String shown, String error) {}

  private AppLocator() {}

  public static Located locate(AnalysisContext ctx, Path appsDir) {
    if (ctx.sourcePath().isPresent()) {
      Path p = ctx.sourcePath().get();
      return Files.isDirectory(p) ? new Located(p, p.toString(), null)
          : new Located(null, p.toString(), "source path not found or not a directory: " + p);
    }
    AnalysisRequest req = ctx.request();
    if (req.modelSlug() == null || req.appNumber() == null) {
      return new Located(null, null, "invalid request: give source_path, or model_slug with app_number");
    }
    String slug = req.modelSlug();
    if (slug.isBlank() || slug.contains("/") || slug.contains("\\") || slug.contains("..") || slug.indexOf('\0') >= 0
        || slug.length() > 255) {
      return new Located(null, null, "invalid request: model_slug must be a single directory name");
    }
    if (req.appNumber() < 0) {
      return new Located(null, null, "invalid request: app_number must be >= 0, got " + req.appNumber());
    }
    String app = "app" + req.appNumber();
    String shown = slug + "/" + app;
    try {
      Path direct = ctx.resolveSource(appsDir.resolve(slug).resolve(app));
      if (Files.isDirectory(direct)) {
        return new Located(direct, shown, null);
      }
      Path model = ctx.resolveSource(appsDir.resolve(slug));
      if (Files.isDirectory(model)) {
        for (Path template : templates(model)) {
          if (Files.isDirectory(template.resolve(app))) {
            Path checked = ctx.resolveSource(template.resolve(app));
            return new Located(checked, slug + "/" + template.getFileName() + "/" + app, null);
          }
        }
      }
    } catch (IllegalArgumentException outside) {
      return new Located(null, shown, shown + " lies outside the allowed source roots (ANALYZER_SOURCE_ROOTS)");
    } catch (IOException e) {
      return new Located(null, shown, "source path not readable: " + shown);
    }
    return new Located(null, shown, "source path not found or not readable: " + shown);
  }

  private static List<Path> templates(Path model) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(model)) {
      for (Path c : children) {
        if (!c.getFileName().toString().startsWith(".") && Files.isDirectory(c)) {
          out.add(c);
        }
      }
    }
    out.sort(null);
    return out;
  }
}
