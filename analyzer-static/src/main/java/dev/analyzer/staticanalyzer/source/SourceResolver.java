package dev.analyzer.staticanalyzer.source;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.service.AnalysisContext;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place a request's source is turned into a directory: {@code source_path}, else the
 * original's layouts {@code {apps_dir}/{model_slug}/app{N}} and
 * {@code {apps_dir}/{model_slug}/{template}/app{N}} (first non-hidden template in name order). Every
 * path it derives, the not-found one included, goes through {@link AnalysisContext#resolveSource},
 * which resolves {@code ..} and links and refuses what lies outside {@code ANALYZER_SOURCE_ROOTS};
 * {@code model_slug} must be a single directory name. The result is a real path, which
 * {@link SourceTree#walk} re-checks when it opens it. Stateless.
 */
public final class SourceResolver {

  private static final int MAX_NAME_LENGTH = 255;

  /**
   * What a request's source resolved to: a real directory, or why there is none (no scan follows).
   *
   * @param directory the directory to scan, or null
   * @param error why nothing is scanned, or null
   */
  public record Resolution(Path directory, String error) {

    static Resolution found(Path directory) {
      return new Resolution(directory, null);
    }

    static Resolution refused(String error) {
      return new Resolution(null, error);
    }

    static Resolution notFound(Path where) {
      return new Resolution(null, "source path not found or not readable: " + where);
    }
  }

  private SourceResolver() {}

  /** Resolves the request of {@code ctx} against {@code appsDir}. Never throws for what a request names. */
  public static Resolution resolve(AnalysisContext ctx, Path appsDir) {
    try {
      Optional<Path> sourcePath = ctx.sourcePath();
      if (sourcePath.isPresent()) {
        Path checked = ctx.resolveSource(sourcePath.get());
        return Files.isDirectory(checked) ? Resolution.found(checked) : Resolution.notFound(checked);
      }
      return fromAppsDir(ctx, appsDir);
    } catch (IllegalArgumentException refused) {
      return Resolution.refused(refused.getMessage());
    } catch (IOException e) {
      return Resolution.refused("source path not readable: " + e.getMessage());
    }
  }

  private static Resolution fromAppsDir(AnalysisContext ctx, Path appsDir) throws IOException {
    AnalysisRequest req = ctx.request();
    if (req.modelSlug() == null || req.appNumber() == null) {
      return Resolution.refused("invalid request: give source_path, or model_slug with app_number");
    }
    String problem = segmentProblem(req.modelSlug());
    if (problem != null) {
      return Resolution.refused("invalid request: model_slug " + problem + ", got " + quoted(req.modelSlug()));
    }
    if (req.appNumber() < 0) {
      return Resolution.refused("invalid request: app_number must be >= 0, got " + req.appNumber());
    }
    try {
      return inAppsDir(ctx, appsDir.resolve(req.modelSlug()), "app" + req.appNumber());
    } catch (IllegalArgumentException outside) {
      return Resolution.refused("model_slug " + quoted(req.modelSlug()) + " with app_number " + req.appNumber()
          + " is refused: " + outside.getMessage());
    }
  }

  private static Resolution inAppsDir(AnalysisContext ctx, Path model, String app) throws IOException {
    Path direct = ctx.resolveSource(model.resolve(app));
    if (Files.isDirectory(direct)) {
      return Resolution.found(direct);
    }
    Path checkedModel = ctx.resolveSource(model);
    if (Files.isDirectory(checkedModel)) {
      for (Path template : templates(checkedModel)) {
        Path candidate = template.resolve(app);
        if (Files.isDirectory(candidate)) {
          Path checked = ctx.resolveSource(candidate);
          if (Files.isDirectory(checked)) {
            return Resolution.found(checked);
          }
        }
      }
    }
    return Resolution.notFound(model.resolve(app));
  }

  private static List<Path> templates(Path model) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(model)) {
      for (Path child : children) {
        if (!child.getFileName().toString().startsWith(".") && Files.isDirectory(child)) {
          out.add(child);
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** Why {@code name} is not a single directory name, or null when it is one. */
  static String segmentProblem(String name) {
    if (name.isBlank()) {
      return "must not be empty";
    }
    if (name.indexOf('\0') >= 0) {
      return "must not contain a NUL character";
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      return "must be a single directory name (no '/' or '\\\\')";
    }
    if (name.contains("..") || name.equals(".")) {
      return "must not be '.' or contain '..'";
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return "must be at most " + MAX_NAME_LENGTH + " characters (was " + name.length() + ")";
    }
    try {
      if (Path.of(name).isAbsolute() || Path.of(name).getNameCount() != 1) {
        return "must be a single relative directory name";
      }
    } catch (RuntimeException invalid) {
      return "is not a valid directory name";
    }
    return null;
  }

  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c == '"' || c == '\\') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
