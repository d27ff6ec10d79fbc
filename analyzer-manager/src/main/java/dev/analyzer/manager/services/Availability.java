package dev.analyzer.manager.services;

import dev.analyzer.manager.Workspace;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a service can be reached before anything is sent to it: a process the CLI started, replicas
 * named by {@code *_URLS}, its default port (built, started by hand or not at all), or nowhere because
 * its jar is not built. Immutable.
 *
 * @param spec the service
 * @param where how it is reached
 * @param url the URL(s) it is reached at, or null when it cannot be
 * @param local the process the CLI started, or null
 */
public record Availability(ServiceSpec spec, Where where, String url, ServiceProcesses.Running local) {

  /** How a service is reached. */
  public enum Where {
    /** A process this CLI started ({@code run/<service>.pid}). */
    STARTED_HERE,
    /** Replicas named by {@code *_URLS} or {@code *_URL}: they run elsewhere, with their own settings. */
    ELSEWHERE,
    /** Built but not started by this CLI: tried at its default port. */
    DEFAULT_PORT,
    /** Its jar is not built (or its module is not in this checkout): nothing is sent. */
    NOT_BUILT
  }

  /** Where {@code spec} is reached now, looking at {@code env} for {@code *_URLS}. */
  public static Availability of(ServiceSpec spec, Workspace ws, ServiceProcesses processes, Map<String, String> env)
      throws IOException {
    for (String var : new String[] {spec.urlVariable(), spec.urlVariable().replaceFirst("_URLS$", "_URL")}) {
      String v = env.get(var);
      if (v != null && !v.isBlank()) {
        return new Availability(spec, Where.ELSEWHERE, v.strip(), null);
      }
    }
    Optional<ServiceProcesses.Running> r = processes.running(spec);
    if (r.isPresent()) {
      return new Availability(spec, Where.STARTED_HERE, r.get().url(), r.get());
    }
    if (!spec.built(ws.home())) {
      return new Availability(spec, Where.NOT_BUILT, null, null);
    }
    return new Availability(spec, Where.DEFAULT_PORT, "ws://127.0.0.1:" + spec.defaultPort(), null);
  }

  /** Why nothing is sent to a service that is not built, in words a person can act on. */
  public String notBuiltReason(Workspace ws) {
    return notBuiltReason(spec, ws);
  }

  /** Why {@code spec} cannot be started from this checkout. */
  public static String notBuiltReason(ServiceSpec spec, Workspace ws) {
    if (!spec.moduleExists(ws.home())) {
      return "not built: this checkout (" + ws.home() + ") has no " + spec.module() + " module";
    }
    return "not built: " + spec.jar() + " is missing (./analyzer builds it, or mvn -B -DskipTests package -pl "
        + spec.module() + " -am)";
  }

  /** Why a service that did not answer is missing. */
  public String notRunningReason() {
    return switch (where) {
      case ELSEWHERE -> "not running: nothing answers at " + url + " (" + spec.urlVariable() + ")";
      case STARTED_HERE -> "not running: the process started with 'analyzer start' (pid " + local.pid()
          + ") does not answer at " + url + "; see logs/" + spec.name() + ".log";
      default -> "not running: nothing answers at " + url + " (start it with: analyzer start " + spec.name() + ")";
    };
  }
}
