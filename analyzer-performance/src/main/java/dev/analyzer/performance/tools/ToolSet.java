package dev.analyzer.performance.tools;

import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tools of the service and the names a request may use for them: {@code builtin} (aliases
 * {@code aiohttp}, {@code aiohttp-load}, {@code load}), {@code wrk}, {@code ab} ({@code apache_bench},
 * {@code ab-load-test}), {@code hey}, {@code locust} ({@code locust-performance}); the original's
 * {@code artillery} is known but not provided. No selection means the built-in alone. Thread-safe
 * after {@link #detect}.
 */
public final class ToolSet {

  public static final List<String> KNOWN = List.of(BuiltinTool.NAME, WrkTool.NAME, AbTool.NAME, HeyTool.NAME,
      LocustTool.NAME);
  private static final Map<String, String> ALIASES = Map.of("aiohttp", BuiltinTool.NAME, "aiohttp-load",
      BuiltinTool.NAME, "load", BuiltinTool.NAME, "apache_bench", AbTool.NAME, "ab-load-test", AbTool.NAME,
      "locust-performance", LocustTool.NAME, "artillery-load", "artillery");
  private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+(?:\\.[0-9]+)?");

  private final String builtinVersion;
  private volatile List<LoadTool> tools = List.of();

  public ToolSet(String builtinVersion) {
    this.builtinVersion = builtinVersion;
  }

  /** Finds the installed tools (once, at start). */
  public List<LoadTool> detect(ProcessRunner runner) {
    Path wrk = which("wrk");
    Path ab = which("ab");
    Path hey = which("hey");
    Path locust = which("locust");
    tools = List.of(new BuiltinTool(builtinVersion), new WrkTool(wrk, version(runner, wrk, "-v")),
        new AbTool(ab, version(runner, ab, "-V")), new HeyTool(hey), new LocustTool(locust,
            version(runner, locust, "--version")));
    return tools;
  }

  /** The available tools as health reports them. */
  public List<ToolInfo> infos() {
    List<ToolInfo> out = new ArrayList<>();
    for (LoadTool t : tools) {
      if (t.available()) {
        out.add(t.name().equals(BuiltinTool.NAME) ? new ToolInfo(t.name(), t.version(), null)
            : new ToolInfo(t.name(), t.version(), which(t.name())));
      }
    }
    return out;
  }

  /** The requested tools with aliases resolved, in order; the built-in alone when none is named. */
  public static List<String> select(Set<String> requested) {
    Set<String> out = new LinkedHashSet<>();
    for (String r : requested) {
      out.add(ALIASES.getOrDefault(r, r));
    }
    return out.isEmpty() ? List.of(BuiltinTool.NAME) : List.copyOf(out);
  }

  /**
   * The original's names in {@code requested} that mean {@code tool} (such as {@code aiohttp} for the
   * built-in), under which its record is filed too, so a consumer reading {@code results[url].aiohttp}
   * keeps working.
   */
  public static List<String> legacyNames(Set<String> requested, String tool) {
    List<String> out = new ArrayList<>();
    for (String r : requested) {
      if (!r.equals(tool) && tool.equals(ALIASES.get(r)) && !KNOWN.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The {@code config} key holding a tool's own options (the original's {@code apache_bench} for ab). */
  public static String configKey(String tool) {
    return tool.equals(AbTool.NAME) ? "apache_bench" : tool;
  }

  private static Path which(String name) {
    Optional<Path> p = ProcessRunner.which(name);
    return p.map(x -> x.toAbsolutePath().normalize()).orElse(null);
  }

  private static String version(ProcessRunner runner, Path exe, String flag) {
    if (exe == null) {
      return null;
    }
    ProcessResult r = runner.run(ProcessSpec.of(exe.toString(), flag).withTimeout(Duration.ofSeconds(20)));
    Matcher m = VERSION.matcher(r.stdout() + " " + r.stderr());
    return m.find() ? m.group() : null;
  }
}
