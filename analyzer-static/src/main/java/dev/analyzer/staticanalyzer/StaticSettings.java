package dev.analyzer.staticanalyzer;

import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.staticanalyzer.deps.OsvSettings;
import dev.analyzer.staticanalyzer.sandbox.SandboxMode;
import dev.analyzer.staticanalyzer.source.WalkLimits;
import dev.analyzer.staticanalyzer.syntax.TreeSitterSettings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
 * @param toolSandbox {@code ANALYZER_TOOL_SANDBOX}: {@code auto} (default), {@code bwrap} or {@code off};
 *     see {@link SandboxMode}
 * @param engineThreads {@code ANALYZER_ENGINE_THREADS}: threads the built-in engine scans a tree's
 *     files on, shared by the service's analyses (default 0: one per available processor, at most
 *     {@value #AUTO_THREADS_CAP}; 0..{@value #MAX_ENGINE_THREADS}); see {@link #engineWorkers()}
 */
public record StaticSettings(Path appsDir, Path osvDir, long maxFileBytes, int maxFiles, Duration toolTimeout,
    String eslintDir, long maxTotalBytes, int maxDepth, SandboxMode toolSandbox, int engineThreads) {

  public static final String APPS_DIR = "ANALYZER_APPS_DIR";
  public static final String OSV_DIR = "ANALYZER_OSV_DIR";
  public static final String MAX_FILE_BYTES = "ANALYZER_MAX_FILE_BYTES";
  public static final String MAX_FILES = "ANALYZER_MAX_FILES";
  public static final String TOOL_TIMEOUT = "ANALYZER_TOOL_TIMEOUT";
  public static final String MAX_TOTAL_BYTES = "ANALYZER_MAX_TOTAL_BYTES";
  public static final String MAX_DEPTH = "ANALYZER_MAX_DEPTH";
  public static final String ESLINT_DIR = "ANALYZER_ESLINT_DIR";
  public static final String TOOL_SANDBOX = "ANALYZER_TOOL_SANDBOX";
  public static final String ENGINE_THREADS = "ANALYZER_ENGINE_THREADS";
  public static final int AUTO_THREADS_CAP = 8;
  public static final int MAX_ENGINE_THREADS = 64;
  public static final long DEFAULT_TOTAL_BYTES = 256L * 1024 * 1024;
  public static final long MIN_TOTAL_BYTES = 1024L * 1024;
  public static final long MAX_TOTAL_BYTES_BOUND = 64L * 1024 * 1024 * 1024;
  public static final int DEFAULT_DEPTH = 32;
  public static final int MAX_DEPTH_BOUND = 256;

  static final Option<Path> APPS_DIR_OPTION = Option.custom(APPS_DIR, Path.of("generated/apps"),
      "./generated/apps", "a directory", "where `{model_slug}/app{N}` apps live (each path still checked "
          + "against `ANALYZER_SOURCE_ROOTS`)", StaticSettings::path, p -> p != null);
  static final Option<Path> OSV_DIR_OPTION = Option.custom(OSV_DIR, null, "none", "an existing directory",
      "extra OSV advisories (`*.json`, one record or an array per file)", StaticSettings::osvDir, p -> true);
  static final Option<Integer> MAX_FILE_BYTES_OPTION = Option.integer(MAX_FILE_BYTES, 2 * 1024 * 1024, 1024,
      512 * 1024 * 1024, "larger files are skipped (`too_large`)");
  static final Option<Integer> MAX_FILES_OPTION = Option.integer(MAX_FILES, 20_000, 1, 1_000_000,
      "files beyond this are skipped (`over_file_limit`)");
  static final Option<Long> MAX_TOTAL_BYTES_OPTION = Option.longInteger(MAX_TOTAL_BYTES, DEFAULT_TOTAL_BYTES,
      MIN_TOTAL_BYTES, MAX_TOTAL_BYTES_BOUND, "a file that would take the listed files' total size past this "
          + "is skipped (`over_total_bytes`)");
  static final Option<Integer> MAX_DEPTH_OPTION = Option.integer(MAX_DEPTH, DEFAULT_DEPTH, 1, MAX_DEPTH_BOUND,
      "directories nested deeper below the source root are not entered (`too_deep`)");
  static final Option<Duration> TOOL_TIMEOUT_OPTION = Option.seconds(TOOL_TIMEOUT, Duration.ofSeconds(120),
      Duration.ofSeconds(1), Duration.ofHours(2), "per external tool; the process tree is killed past it");
  static final Option<String> ESLINT_DIR_OPTION = Option.custom(ESLINT_DIR, null, "tools/eslint",
      "a directory", "the ESLint install with its config", (r, n) -> r.raw(n), v -> true);
  static final Option<String> TOOL_SANDBOX_OPTION = Option.oneOf(TOOL_SANDBOX, "auto",
      "external tools run in bubblewrap (`/usr/bin/bwrap`): `auto` when a start-up probe works, else "
          + "unsandboxed with pylint refused; `bwrap` required (start-up fails without it); `off` never "
          + "(the operator accepts that pylint imports the analysed code)", "auto", "bwrap", "off");

  static final Option<Integer> ENGINE_THREADS_OPTION = Option.integer(ENGINE_THREADS, 0, 0, MAX_ENGINE_THREADS,
      "threads the python-security and js-security engines scan files on, shared by all analyses (0: one per"
          + " available processor, at most " + AUTO_THREADS_CAP + "); findings keep file order whatever the count");

  /** Every option of the static service, in README order. */
  public static final OptionTable OPTIONS = OptionTable.of("static service", APPS_DIR_OPTION, OSV_DIR_OPTION,
      OsvSettings.OSV_URL_OPTION, OsvSettings.OFFLINE_OPTION, MAX_FILE_BYTES_OPTION, MAX_FILES_OPTION,
      MAX_TOTAL_BYTES_OPTION, MAX_DEPTH_OPTION, TOOL_TIMEOUT_OPTION,
      ESLINT_DIR_OPTION, TreeSitterSettings.LIB_OPTION, TOOL_SANDBOX_OPTION, ENGINE_THREADS_OPTION);

  public StaticSettings {
    if (appsDir == null) {
      throw new SettingsException(APPS_DIR, APPS_DIR + " must name a directory, got null");
    }
    MAX_FILE_BYTES_OPTION.check((int) Math.min(Integer.MAX_VALUE, maxFileBytes));
    MAX_FILES_OPTION.check(maxFiles);
    TOOL_TIMEOUT_OPTION.check(toolTimeout);
    MAX_TOTAL_BYTES_OPTION.check(maxTotalBytes);
    MAX_DEPTH_OPTION.check(maxDepth);
    if (toolSandbox == null) {
      throw new SettingsException(TOOL_SANDBOX, TOOL_SANDBOX + " must be one of auto, bwrap, off, got null");
    }
    ENGINE_THREADS_OPTION.check(engineThreads);
  }

  /**
   * The threads the engine scans files on: {@code engineThreads}, or for 0 one per available
   * processor, at most {@value #AUTO_THREADS_CAP}.
   */
  public int engineWorkers() {
    return engineThreads > 0 ? engineThreads
        : Math.max(1, Math.min(AUTO_THREADS_CAP, Runtime.getRuntime().availableProcessors()));
  }

  /** The walk's caps. */
  public WalkLimits walkLimits() {
    return new WalkLimits(maxFileBytes, maxFiles, maxTotalBytes, maxDepth);
  }

  /**
   * The defaults overridden by {@code env}. {@code ANALYZER_TREESITTER_LIB} is checked here too (a
   * bad value stops start-up), though the parser reads it itself, once per JVM
   * ({@link TreeSitterSettings}).
   *
   * @throws SettingsException naming the first variable with a bad value
   */
  public static StaticSettings fromEnvironment(Environment env) {
    TreeSitterSettings.LIB_OPTION.read(env);
    return new StaticSettings(APPS_DIR_OPTION.read(env).toAbsolutePath().normalize(), OSV_DIR_OPTION.read(env),
        MAX_FILE_BYTES_OPTION.read(env), MAX_FILES_OPTION.read(env), TOOL_TIMEOUT_OPTION.read(env),
        ESLINT_DIR_OPTION.read(env), MAX_TOTAL_BYTES_OPTION.read(env), MAX_DEPTH_OPTION.read(env),
        SandboxMode.fromWire(TOOL_SANDBOX_OPTION.read(env)), ENGINE_THREADS_OPTION.read(env));
  }

  private static Path path(EnvReader r, String name) {
    try {
      return Path.of(r.raw(name));
    } catch (InvalidPathException e) {
      throw new SettingsException(name, name + " must be a path, got '" + r.raw(name) + "'");
    }
  }

  private static Path osvDir(EnvReader r, String name) {
    String osv = r.raw(name);
    Path osvDir = path(r, name).toAbsolutePath().normalize();
    if (!Files.isDirectory(osvDir)) {
      throw new SettingsException(OSV_DIR, OSV_DIR + " must be an existing directory of OSV JSON files, got " + osv);
    }
    return osvDir;
  }
}
