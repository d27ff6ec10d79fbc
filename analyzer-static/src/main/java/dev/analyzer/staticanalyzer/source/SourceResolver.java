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

  /** How a refusal for a path outside the roots ends; names no root and no absolute path. */
  static final String OUTSIDE = "lies outside the allowed source roots (set ANALYZER_SOURCE_ROOTS to allow more)";

  /**
   * What a request's source resolved to: a real directory, or why there is none (no scan follows).
   * Messages name the source as the request did ({@code source_path} as given, or
   * {@code <model_slug>/[<template>/]app<N>} relative to the apps directory), never the apps
   * directory's or a root's absolute path.
   *
   * @param directory the directory to scan, or null
   * @param error why nothing is scanned, or null
   * @param shown how messages name the source
   */
  public record Resolution(Path directory, String error, String shown) {

    static Resolution found(Path directory, String shown) {
      return new Resolution(directory, null, shown);
    }

    static Resolution refused(String error) {
      return new Resolution(null, error, null);
    }

    static Resolution notFound(String shown) {
      return new Resolution(null, "source path not found or not readable: " + shown, shown);
    }
  }

  private SourceResolver() {}

  /** Resolves the request of {@code ctx} against {@code appsDir}. Never throws for what a request names. */
  public static Resolution resolve(AnalysisContext ctx, Path appsDir) {
    Optional<Path> sourcePath = ctx.sourcePath();
    if (sourcePath.isPresent()) {
      String shown = sourcePath.get().toString();
      try {
        Path checked = ctx.resolveSource(sourcePath.get());
        return Files.isDirectory(checked) ? Resolution.found(checked, shown) : Resolution.notFound(shown);
      } catch (IllegalArgumentException refused) {
        return Resolution.refused("source_path " + shown + " " + OUTSIDE);
      }
    }
    try {
      return fromAppsDir(ctx, appsDir);
    } catch (IOException e) {
      return Resolution.refused("source path not readable: " + ctx.request().modelSlug() + "/app"
          + ctx.request().appNumber());
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
    return inAppsDir(ctx, appsDir.resolve(req.modelSlug()), req.modelSlug(), "app" + req.appNumber());
  }

  /**
   * {@code slug/app} directly, else the first template (name order) whose {@code app} lies inside the
   * roots; a template linked out of the roots is skipped and named in the not-found message.
   */
  private static Resolution inAppsDir(AnalysisContext ctx, Path model, String slug, String app) throws IOException {
    String refusal = "model_slug " + quoted(slug) + " with " + app.replace("app", "app_number ") + " is refused: ";
    String direct = slug + "/" + app;
    Path checkedApp;
    Path checkedModel;
    try {
      checkedApp = ctx.resolveSource(model.resolve(app));
      if (Files.isDirectory(checkedApp)) {
        return Resolution.found(checkedApp, direct);
      }
      checkedModel = ctx.resolveSource(model);
    } catch (IllegalArgumentException outside) {
      return Resolution.refused(refusal + direct + " " + OUTSIDE);
    }
    List<String> skipped = new ArrayList<>();
    if (Files.isDirectory(checkedModel)) {
      for (Path template : templates(checkedModel)) {
        String name = template.getFileName().toString();
        if (!Files.isDirectory(template.resolve(app))) {
          continue;
        }
        try {
          Path checked = ctx.resolveSource(template.resolve(app));
          if (Files.isDirectory(checked)) {
            return Resolution.found(checked, slug + "/" + name + "/" + app);
          }
        } catch (IllegalArgumentException outside) {
          skipped.add(quoted(name));
        }
      }
    }
    Resolution missing = Resolution.notFound(direct);
    if (skipped.isEmpty()) {
      return missing;
    }
    return new Resolution(null, missing.error() + " (model_slug " + quoted(slug) + ": skipped " + skipped.size()
        + " template(s) linked outside the allowed source roots: " + String.join(", ", skipped) + ")", direct);
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
