package dev.analyzer.manager.commands;

import dev.analyzer.manager.services.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns service and type names from the command line into specs; unknown names are usage errors. */
final class Selection {

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
}
