package dev.analyzer.dynamic.tools;

import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfig;
import dev.analyzer.dynamic.scan.ScanListener;
import dev.analyzer.dynamic.scan.ScanSession;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.service.process.internal.ProcessScope;
import dev.analyzer.service.process.internal.ProcessTrees;
import dev.analyzer.service.process.internal.ScopedProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs one adapter (wapiti, nmap, sqlmap) on its own, without the service and without the engine,
 * for benchmarks and scripts:
 * <pre>{@code
 * try (DynamicScan scan = DynamicScan.builder().build()) {
 *   ToolRun run = StandaloneTool.run(new WapitiTool(), scan, "http://127.0.0.1:5000", "standard",
 *       Duration.ofMinutes(5), true, line -> {});
 * }
 * }</pre>
 * The URL is checked against the scan's target policy first. With {@code proxied} the tool goes
 * through the scan proxy (policy and request budget of the scan's config hold); without it the tool
 * talks to the target directly (its own speed, nothing counted). Its processes are killed when the
 * call returns or the timeout passes. Thread-safe.
 */
public final class StandaloneTool {

  private StandaloneTool() {}

  public static ToolRun run(DynamicTool tool, DynamicScan scan, String url, String profile, Duration timeout,
      boolean proxied, Consumer<String> progress) throws IOException, InterruptedException {
    return run(tool, scan, url, profile, timeout, proxied, Map.of(), progress);
  }

  /** As {@link #run(DynamicTool, DynamicScan, String, String, Duration, boolean, Consumer)} with the tool's own config. */
  public static ToolRun run(DynamicTool tool, DynamicScan scan, String url, String profile, Duration timeout,
      boolean proxied, Map<String, Object> toolConfig, Consumer<String> progress)
      throws IOException, InterruptedException {
    List<ResolvedTarget> targets = scan.resolve(List.of(url));
    Map<String, String> hosts = new LinkedHashMap<>();
    targets.forEach(t -> hosts.put(t.target().toString(), t.address().getAddress().getHostAddress()));
    ExecutorService io = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "standalone-tool-io");
      t.setDaemon(true);
      return t;
    });
    Path scratch = Files.createTempDirectory("standalone-" + tool.name());
    ScanConfig config = scan.config();
    try (ScanSession session = scan.open(targets, config, ScanListener.NONE);
        ProcessScope scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE)) {
      ScopedProcessRunner runner = new ScopedProcessRunner(scope, io, ProcessTrees.DEFAULT_GRACE);
      String proxy = proxied ? session.proxy().url() : null;
      return tool.run(new ToolRequest(runner, proxy, List.of(targets.get(0).target().toString()), hosts, null,
          List.of(), profile, timeout, toolConfig, scratch, progress));
    } finally {
      io.shutdownNow();
      try (var paths = Files.walk(scratch)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
