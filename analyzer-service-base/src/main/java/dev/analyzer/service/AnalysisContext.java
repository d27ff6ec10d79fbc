package dev.analyzer.service;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.service.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an analysis needs from the service base: its request, progress streaming,
 * cancellation, the deadline and a process runner whose processes die with the analysis.
 *
 * <p>Thread-safe: an analysis may report progress and run tools from several threads.
 */
public interface AnalysisContext {

  /** The typed request. */
  AnalysisRequest request();

  /** The analysis id ({@code request().id()}), echoed as {@code correlation_id}. */
  default String analysisId() {
    return request().id();
  }

  /**
   * The request's {@code source_path}, resolved (symlinks followed) and checked to lie under the
   * service's source roots; empty when the request carries none. The base refuses requests whose
   * path lies outside the roots (with {@code invalid_request}, checked on the analysis thread)
   * before {@code analyze} is called.
   */
  Optional<Path> sourcePath();

  /**
   * Resolves a path the service derived itself (such as {@code {apps_dir}/{model}/app{N}}) and checks
   * it lies under the source roots after {@code ..} and symlinks are resolved: the real path of its
   * longest existing prefix, with the rest appended, must lie under a root, so a path that does not
   * exist yet is refused when an existing parent links out of the roots, and a dangling link on the
   * way is refused. A relative path is taken relative to the first root. Does file-system work:
   * call it on the analysis thread, at the moment of use (a link swapped in later is the walk's to
   * refuse).
   *
   * @return the checked real path (which may not exist yet)
   * @throws IllegalArgumentException naming the given path (never the roots) when it is blank,
   *     holds a NUL, or lies outside the roots
   */
  Path resolveSource(Path path);

  /** Streams a {@code progress_update} on the analysis connection (dropped while the peer is slow). */
  default void progress(String stage, String message, Double percent) {
    progress(stage, message, percent, null, null);
  }

  /** Streams a {@code progress_update} with counts; see {@link #progress(String, String, Double)}. */
  void progress(String stage, String message, Double percent, Integer completed, Integer total);

  /**
   * Streams a {@code progress_update} with counts and extra fields of the service's own (such as a
   * load test's {@code rate}, {@code p99_ms} and {@code errors}), written beside the standard ones;
   * see {@link #progress(String, String, Double)}. A key of a standard field is refused with
   * {@link IllegalArgumentException}. The default drops {@code data}.
   */
  default void progress(String stage, String message, Double percent, Integer completed, Integer total,
      java.util.Map<String, ?> data) {
    progress(stage, message, percent, completed, total);
  }

  /** True once the analysis was cancelled, timed out, lost its client or the service is stopping. */
  boolean isCancelled();

  /** Why it was cancelled, if it was. */
  Optional<CancellationReason> cancellation();

  /**
   * Runs {@code hook} once when the analysis is cancelled, or at once if it already is. Hooks run on
   * a control thread; an exception in one is logged and does not stop the others.
   */
  void onCancel(Runnable hook);

  /** When the analysis will be cancelled with status {@code timeout}. */
  Instant deadline();

  /** Time left until the deadline; zero or negative once it passed. */
  default Duration remaining() {
    return Duration.between(clock().instant(), deadline());
  }

  /** Runs external tools; every process is killed (whole tree) when the analysis ends or is cancelled. */
  ProcessRunner processes();

  /** The service's clock. */
  Clock clock();

  /** The service name, for replies and findings. */
  String serviceName();

  /** The tools the service detected at start ({@link AnalyzerService#detectToolDetails}). */
  default List<ToolInfo> tools() {
    return List.of();
  }

  /**
   * {@code tools_available} (names) and {@code tool_versions} (name to version) of {@link #tools()},
   * to put in a result so it says what ran: {@code toolReport().forEach(builder::withExtra)}.
   */
  default Map<String, Object> toolReport() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tools_available", tools().stream().map(ToolInfo::name).toList());
    out.put("tool_versions", ToolInfo.versions(tools()));
    return out;
  }
}
