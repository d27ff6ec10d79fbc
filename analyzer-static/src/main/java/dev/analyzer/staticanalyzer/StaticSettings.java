package dev.analyzer.staticanalyzer;

import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.staticanalyzer.source.WalkLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The static service's own settings.
 *
 * @param appsDir {@code ANALYZER_APPS_DIR}: where {@code {model_slug}/app{N}} apps live (default
 *     {@code ./generated/apps}); requests without source_path resolve there
 * @param osvDir {@code ANALYZER_OSV_DIR}: extra OSV advisories (*.json), or null
 * @param maxFileBytes {@code ANALYZER_MAX_FILE_BYTES}: larger files are skipped (default 2 MiB)
 * @param maxFiles {@code ANALYZER_MAX_FILES}: files beyond this are skipped (default 20000)
 * @param toolTimeout {@code ANALYZER_TOOL_TIMEOUT}: per external tool (default 120 s)
 * @param eslintDir {@code ANALYZER_ESLINT_DIR}: the ESLint install (default {@code tools/eslint}), or null
 * @param maxTotalBytes {@code ANALYZER_MAX_TOTAL_BYTES}: files that would take the sum of the listed
 *     files' sizes past this are skipped (default 256 MiB, {@value #MIN_TOTAL_BYTES}..{@value #MAX_TOTAL_BYTES_BOUND})
 * @param maxDepth {@code ANALYZER_MAX_DEPTH}: directories nested deeper than this below the source
 *     root are not entered (default {@value #DEFAULT_DEPTH}, 1..{@value #MAX_DEPTH_BOUND})
 */
public record StaticSettings(Path appsDir, Path osvDir, long maxFileBytes, int maxFiles, Duration toolTimeout,
    String eslintDir, long maxTotalBytes, int maxDepth) {

  public static final String APPS_DIR = "ANALYZER_APPS_DIR";
  public static final String OSV_DIR = "ANALYZER_OSV_DIR";
  public static final String MAX_FILE_BYTES = "ANALYZER_MAX_FILE_BYTES";
  public static final String MAX_FILES = "ANALYZER_MAX_FILES";
  public static final String TOOL_TIMEOUT = "ANALYZER_TOOL_TIMEOUT";
  public static final String MAX_TOTAL_BYTES = "ANALYZER_MAX_TOTAL_BYTES";
  public static final String MAX_DEPTH = "ANALYZER_MAX_DEPTH";
  public static final long DEFAULT_TOTAL_BYTES = 256L * 1024 * 1024;
  public static final long MIN_TOTAL_BYTES = 1024L * 1024;
  public static final long MAX_TOTAL_BYTES_BOUND = 64L * 1024 * 1024 * 1024;
  public static final int DEFAULT_DEPTH = 32;
  public static final int MAX_DEPTH_BOUND = 256;

  /** The walk's caps. */
  public WalkLimits walkLimits() {
    return new WalkLimits(maxFileBytes, maxFiles, maxTotalBytes, maxDepth);
  }

  /** The defaults overridden by {@code env}. */
  public static StaticSettings fromEnvironment(Environment env) {
    EnvReader r = new EnvReader(env);
    String apps = r.raw(APPS_DIR);
    String osv = r.raw(OSV_DIR);
    Path osvDir = osv == null ? null : Path.of(osv).toAbsolutePath().normalize();
    if (osvDir != null && !Files.isDirectory(osvDir)) {
      throw new SettingsException(OSV_DIR, OSV_DIR + " must be an existing directory of OSV JSON files, got " + osv);
    }
    return new StaticSettings(Path.of(apps == null ? "generated/apps" : apps).toAbsolutePath().normalize(), osvDir,
        r.intIn(MAX_FILE_BYTES, 2 * 1024 * 1024, 1024, 512 * 1024 * 1024),
        r.intIn(MAX_FILES, 20_000, 1, 1_000_000),
        r.secondsIn(TOOL_TIMEOUT, Duration.ofSeconds(120), Duration.ofSeconds(1), Duration.ofHours(2)),
        r.raw("ANALYZER_ESLINT_DIR"),
        longIn(r, MAX_TOTAL_BYTES, DEFAULT_TOTAL_BYTES, MIN_TOTAL_BYTES, MAX_TOTAL_BYTES_BOUND),
        r.intIn(MAX_DEPTH, DEFAULT_DEPTH, 1, MAX_DEPTH_BOUND));
  }

  private static long longIn(EnvReader r, String name, long defaultValue, long min, long max) {
    String v = r.raw(name);
    if (v == null) {
      return defaultValue;
    }
    long parsed;
    try {
      parsed = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new SettingsException(name, name + " must be an integer " + min + ".." + max + ", got '" + v + "'");
    }
    if (parsed < min || parsed > max) {
      throw new SettingsException(name, name + " must be " + min + ".." + max + ", got " + v);
    }
    return parsed;
  }
}
