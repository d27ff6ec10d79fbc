package dev.analyzer.manager.commands;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.manager.services.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns service and type names from the command line into specs; unknown names are usage errors. */
final class Selection {

  static final String AUTO = "auto";

  private Selection() {}

  static List<ServiceSpec> services(List<String> names) {
    if (names == null || names.isEmpty()) {
      return ServiceSpec.ALL;
    }
    Set<ServiceSpec> out = new LinkedHashSet<>();
    for (String raw : names) {
      for (String n : raw.split(",")) {
        if (n.isBlank()) {
          continue;
        }
        if (n.strip().equalsIgnoreCase("comprehensive") || n.strip().equalsIgnoreCase("all")) {
          out.addAll(ServiceSpec.ALL);
          continue;
        }
        out.add(ServiceSpec.named(n).orElseThrow(() -> new IllegalArgumentException(
            "unknown service or type '" + n.strip() + "': use static, dynamic, performance, ai or comprehensive")));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The analyses for the inputs given: with {@code auto} (or nothing), every one the inputs allow;
   * named ones must have their input.
   *
   * @param hasSource --source (static and ai read it)
   * @param hasUrl --url or --start-app (dynamic and performance probe it)
   * @throws IllegalArgumentException when there is nothing to analyze, or a named analysis lacks its input
   */
  static List<ServiceSpec> forInputs(List<String> names, boolean hasSource, boolean hasUrl) {
    if (!hasSource && !hasUrl) {
      throw new IllegalArgumentException("nothing to analyze: give --source DIR (a directory or git repository, for "
          + "static and ai), --url URL (a running app, for dynamic and performance), or both; --start-app starts the "
          + "app in --source. Example: analyzer analyze --source examples/sample-app --start-app");
    }
    boolean auto = names == null || names.isEmpty()
        || (names.size() == 1 && names.get(0).strip().toLowerCase(Locale.ROOT).equals(AUTO));
    if (auto) {
      List<ServiceSpec> out = new ArrayList<>();
      for (ServiceSpec s : ServiceSpec.ALL) {
        if (needsUrl(s) ? hasUrl : hasSource) {
          out.add(s);
        }
      }
      return out;
    }
    List<ServiceSpec> chosen = services(names);
    List<String> lacking = new ArrayList<>();
    for (ServiceSpec s : chosen) {
      if (needsUrl(s) ? !hasUrl : !hasSource) {
        lacking.add(s.name() + (needsUrl(s) ? " needs --url URL (or --start-app)" : " needs --source DIR"));
      }
    }
    if (!lacking.isEmpty()) {
      throw new IllegalArgumentException("--types " + String.join(",", names) + ": " + String.join("; ", lacking)
          + " (or leave --types out to run what the inputs allow)");
    }
    return chosen;
  }

  static boolean needsUrl(ServiceSpec s) {
    return s.kind() == AnalysisKind.DYNAMIC || s.kind() == AnalysisKind.PERFORMANCE;
  }
}
