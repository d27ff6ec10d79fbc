package dev.analyzer.manager.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status of a whole run, never an all-clear when a requested analysis is missing:
 * {@code completed} (every requested service delivered), {@code partial} (all delivered, some of
 * their tools failed), {@code incomplete} (some delivered, some are not built, not running or
 * failed), {@code failed} (none delivered). Immutable.
 *
 * @param status the run's status
 * @param problems one line per service that did not deliver: which and why
 * @param missingOnly true when every problem is a service that is not built or not running
 */
public record RunStatus(String status, List<Problem> problems, boolean missingOnly) {

  /** A requested service that did not deliver its analysis. */
  public record Problem(String service, String state, String reason) {

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("service", service);
      m.put("state", state);
      m.put("reason", reason);
      return m;
    }
  }

  public RunStatus {
    problems = List.copyOf(problems);
  }

  public static RunStatus of(List<ServiceOutcome> outcomes) {
    List<Problem> problems = new ArrayList<>();
    int delivered = 0;
    boolean partial = false;
    boolean missingOnly = true;
    for (ServiceOutcome o : outcomes) {
      if (o.delivered()) {
        delivered++;
        partial |= o.state().equals("partial");
      } else if (o.missing() || o.failed()) {
        problems.add(new Problem(o.spec().name(), o.state(), o.detail()));
        missingOnly &= o.missing();
      }
    }
    String status = delivered == 0 ? "failed" : !problems.isEmpty() ? "incomplete" : partial ? "partial" : "completed";
    if (delivered == 0 && problems.isEmpty()) {
      problems.add(new Problem("-", "nothing_run", "no analysis was run"));
      missingOnly = false;
    }
    return new RunStatus(status, problems, missingOnly);
  }

  /** True when the run lacks an analysis that was asked for. */
  public boolean lacksAnalyses() {
    return status.equals("incomplete") || status.equals("failed");
  }

  /** One line for the console: the status and, when it lacks analyses, which and why. */
  public String headline() {
    if (!lacksAnalyses()) {
      return "status: " + status;
    }
    return "status: " + status.toUpperCase(java.util.Locale.ROOT) + ": " + problems.size() + " requested "
        + (problems.size() == 1 ? "analysis" : "analyses") + " did not complete";
  }
}
