package dev.analyzer.service;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.MessageType;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ToolDaemon;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a service author writes: a name, a version, a port, the analysis it serves, how it finds its
 * tools, and one method from {@link AnalysisContext} to {@link AnalysisOutcome}. Everything else
 * (WebSocket lifecycle, progress, cancellation, limits, health, metrics, shutdown) comes from
 * {@link AnalyzerServer}.
 *
 * <p>{@link #analyze} is called on an analysis thread, several at once; implementations must be
 * thread-safe and should check {@link AnalysisContext#isCancelled()} between steps.
 */
public interface AnalyzerService {

  /** The {@code service} name in replies, such as {@code static-analyzer}. */
  String name();

  /** The service version reported by health. */
  String version();

  /** Which analysis it performs; decides the reply type and which {@code analysis_request}s it takes. */
  AnalysisKind kind();

  /** The port it listens on unless {@code WEBSOCKET_PORT} or {@code --port} says otherwise. */
  default int defaultPort() {
    return kind().defaultPort();
  }

  /**
   * The terminal request types it serves: by default every request type of {@link #kind()}
   * (aliases included) and {@code analysis_request} whose {@code analysis_type} routes to it.
   */
  default Set<MessageType> requestTypes() {
    Set<MessageType> out = EnumSet.of(MessageType.ANALYSIS_REQUEST);
    for (MessageType t : MessageType.values()) {
      if (t.isTerminalRequest() && t.analysisKind().filter(k -> k == kind()).isPresent()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * The tools available on this machine, detected once at start (for example by running
   * {@code <tool> --version}); listed in health's {@code available_tools}. Default: none.
   */
  default List<String> detectTools(ProcessRunner runner) {
    return List.of();
  }

  /**
   * The tools available on this machine with version and path, detected once at start; the server
   * calls this (not {@link #detectTools}) and reports the names in health's {@code available_tools},
   * the details in health's {@code tools} and {@code tool_versions}, and offers them to results
   * ({@link AnalysisContext#toolReport()}). Use {@link ToolInfo#detect} for each external tool.
   * Default: the names from {@link #detectTools}, each with its path when it is on PATH and no version.
   */
  default List<ToolInfo> detectToolDetails(ProcessRunner runner) {
    List<ToolInfo> out = new java.util.ArrayList<>();
    for (String name : detectTools(runner)) {
      out.add(new ToolInfo(name, null, ProcessRunner.which(name).filter(p -> !name.contains("/"))
          .map(p -> p.toAbsolutePath().normalize()).orElse(null)));
    }
    return out;
  }

  /**
   * The tools this service cannot serve without, by the names {@link #detectToolDetails} reports:
   * while one of them was not detected at start, {@code GET /ready} answers 503 naming it (so an
   * orchestrator sends no work to a replica built without it); {@code /health} is unaffected.
   * Default: none required.
   */
  default List<String> requiredTools() {
    return List.of();
  }

  /**
   * Conditions of the service's own that make it unready now (such as a model not yet loaded), one
   * line each; empty when ready. Called on an I/O thread for every {@code GET /ready}: keep it cheap,
   * non-blocking and thread-safe; an exception counts as one problem. Default: none.
   */
  default List<String> readinessProblems() {
    return List.of();
  }

  /**
   * The daemons this service owns ({@link ToolDaemon}), asked for once at start; the server closes
   * each on shutdown (after in-flight analyses ended), so none outlives the service. A daemon starts
   * only when the service first calls {@link ToolDaemon#ensureRunning()}. Default: none.
   */
  default List<ToolDaemon> daemons() {
    return List.of();
  }

  /**
   * The body of this service's reply to the original's {@code server_status} request (the original
   * ai-analyzer's: {@code service}, {@code version}, {@code status}, {@code available_tools}, ...;
   * never a secret), or empty when the service does not serve it, which makes the base answer
   * {@code error} {@code unknown_type}. Called on an I/O thread for each request: keep it cheap and
   * thread-safe. Keys {@code type}, {@code id} and {@code timestamp} are the base's. Default: empty.
   */
  default Optional<Map<String, Object>> serverStatusReply() {
    return Optional.empty();
  }

  /**
   * Runs one analysis. Return an outcome for every result, failures included; an exception is
   * turned into an {@code error} reply with the exception's message (never a stack trace).
   */
  AnalysisOutcome analyze(AnalysisContext context) throws Exception;
}
