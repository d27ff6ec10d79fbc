package dev.analyzer.manager.run;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.services.Availability;
import dev.analyzer.manager.services.ServiceEnvironment;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What to check before anything is sent: where each service is (a service that is not built is settled
 * as such), that the services this CLI started allow the sources (restarting them with wider roots
 * when not), and which of {@code --tools} each service has (a name no service has is a usage error).
 * {@link #prepare} may run on several threads at once (a batch) when its sources are allowed already;
 * a restart must not overlap another.
 */
public final class Preflight {

  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The checked plan of a run.
   *
   * @param where how each requested service is reached
   * @param tools per service, the tools to ask it for (empty: all)
   * @param settled services decided without sending anything (not built, skipped by --tools)
   */
  public record Plan(Map<ServiceSpec, Availability> where, Map<ServiceSpec, List<String>> tools,
      Map<ServiceSpec, ServiceOutcome> settled) {}

  private final Workspace ws;
  private final ServiceProcesses processes;
  private final Map<String, String> env;
  private final Consumer<String> say;

  /**
   * @param env the CLI's environment ({@code *_URLS}, {@code ANALYZER_SOURCE_ROOTS})
   * @param say where notes for the user go (a restart)
   */
  public Preflight(Workspace ws, ServiceProcesses processes, Map<String, String> env, Consumer<String> say) {
    this.ws = ws;
    this.processes = processes;
    this.env = env;
    this.say = say;
  }

  /**
   * Checks {@code services} for runs over {@code sources}.
   *
   * @throws IllegalArgumentException (a usage error) for a tool no service has
   */
  public Plan prepare(AnalyzerClient client, List<ServiceSpec> services, List<String> requestedTools, List<Path> sources)
      throws IOException {
    Map<ServiceSpec, Availability> where = new LinkedHashMap<>();
    Map<ServiceSpec, ServiceOutcome> settled = new LinkedHashMap<>();
    for (ServiceSpec spec : services) {
      Availability a = Availability.of(spec, ws, processes, env);
      if (a.where() == Availability.Where.NOT_BUILT) {
        settled.put(spec, ServiceOutcome.notBuilt(spec, a.notBuiltReason(ws)));
      } else if (a.where() == Availability.Where.STARTED_HERE && readsSource(spec)) {
        a = widenRoots(a, sources, settled);
      }
      where.put(spec, a);
    }
    Map<ServiceSpec, List<String>> tools = new LinkedHashMap<>();
    for (ServiceSpec spec : services) {
      tools.put(spec, List.of());
    }
    if (!requestedTools.isEmpty()) {
      routeTools(client, services, requestedTools, settled, tools);
    }
    return new Plan(where, tools, settled);
  }

  /** True for the services that read the app's source (their requests carry source_path). */
  public static boolean readsSource(ServiceSpec spec) {
    return spec.kind() == AnalysisKind.STATIC || spec.kind() == AnalysisKind.AI;
  }

  private Availability widenRoots(Availability a, List<Path> sources, Map<ServiceSpec, ServiceOutcome> settled)
      throws IOException {
    Set<Path> outside = new LinkedHashSet<>();
    for (Path s : sources) {
      Path real = real(s);
      if (!a.local().allows(real)) {
        outside.add(real);
      }
    }
    if (outside.isEmpty()) {
      return a;
    }
    List<String> roots = new ArrayList<>();
    a.local().roots().forEach(r -> roots.add(r.toString()));
    outside.forEach(o -> roots.add(o.toString()));
    String joined = String.join(":", roots);
    say.accept(a.spec().name() + ": restarting it so that its source roots (ANALYZER_SOURCE_ROOTS) include "
        + String.join(", ", outside.stream().map(Path::toString).toList()));
    Map<String, String> serviceEnv = new LinkedHashMap<>(ServiceEnvironment.of(ws, env));
    serviceEnv.put("ANALYZER_SOURCE_ROOTS", joined);
    try {
      ServiceProcesses.Running r = processes.restart(a.spec(), serviceEnv);
      return new Availability(a.spec(), Availability.Where.STARTED_HERE, r.url(), r);
    } catch (IOException e) {
      settled.put(a.spec(), new ServiceOutcome(a.spec(), null, "failed",
          "could not restart it with the new source roots: " + e.getMessage(), Duration.ZERO));
      return a;
    }
  }

  private void routeTools(AnalyzerClient client, List<ServiceSpec> services, List<String> requested,
      Map<ServiceSpec, ServiceOutcome> settled, Map<ServiceSpec, List<String>> tools) {
    Map<ServiceSpec, List<String>> known = new LinkedHashMap<>();
    for (ServiceSpec spec : services) {
      if (!settled.containsKey(spec)) {
        List<String> has = toolsOf(client, spec);
        if (has != null) {
          known.put(spec, has);
        }
      }
    }
    boolean someUnknown = services.stream().anyMatch(s -> !settled.containsKey(s) && !known.containsKey(s));
    for (String t : requested) {
      String tool = t.strip().toLowerCase(Locale.ROOT);
      boolean owned = known.values().stream().anyMatch(list -> list.contains(tool));
      if (!owned && !someUnknown) {
        StringBuilder b = new StringBuilder("--tools: unknown tool '" + t.strip() + "'");
        if (known.isEmpty()) {
          b.append(" (no requested service could be asked for its tools)");
        }
        known.forEach((spec, list) -> b.append("; ").append(spec.name()).append(" has: ")
            .append(list.isEmpty() ? "(no tools)" : String.join(", ", list)));
        throw new IllegalArgumentException(b.toString());
      }
    }
    for (ServiceSpec spec : services) {
      if (settled.containsKey(spec)) {
        continue;
      }
      List<String> has = known.get(spec);
      List<String> mine = new ArrayList<>();
      for (String t : requested) {
        String tool = t.strip().toLowerCase(Locale.ROOT);
        if (has == null || has.contains(tool)) {
          mine.add(tool);
        }
      }
      if (mine.isEmpty()) {
        settled.put(spec, ServiceOutcome.skipped(spec, "none of --tools " + String.join(",", requested)
            + " is one of its tools"));
      } else {
        tools.put(spec, mine);
      }
    }
  }

  /** The tools {@code spec} says it has, or null when it cannot be asked. */
  private static List<String> toolsOf(AnalyzerClient client, ServiceSpec spec) {
    try {
      Message m = client.health(spec.kind(), HEALTH_TIMEOUT).get(HEALTH_TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS);
      if (m instanceof HealthResponse h) {
        return h.availableTools().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  private static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs;
    }
  }
}
