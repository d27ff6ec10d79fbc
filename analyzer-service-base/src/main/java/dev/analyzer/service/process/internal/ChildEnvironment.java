package dev.analyzer.service.process.internal;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.process.ProcessSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole environment of a child process, built from an allow-list instead of inherited: the
 * service's environment holds secrets ({@code ANALYZER_AUTH_TOKEN}, provider API keys) and
 * variables that make tools load code ({@code PYTHONPATH}, {@code NODE_OPTIONS}). See
 * {@link ProcessSpec} for what a child gets. Immutable and thread-safe.
 */
public final class ChildEnvironment {

  /** Used when the service's environment has no PATH. */
  static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
  static final String DEFAULT_LOCALE = "C.UTF-8";
  /** The names a child can get without a spec asking for them. */
  public static final List<String> ALLOWED = List.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TERM");

  private final Environment parent;

  /** @param parent the service's environment (normally {@link Environment#system()}) */
  public ChildEnvironment(Environment parent) {
    if (parent == null) {
      throw new IllegalArgumentException("parent environment must not be null");
    }
    this.parent = parent;
  }

  /** The environment of a child of the service's own process. */
  public static ChildEnvironment ofSystem() {
    return new ChildEnvironment(Environment.system());
  }

  /** The complete environment for {@code spec}, with {@code scratch} as HOME and TMPDIR. */
  public Map<String, String> forSpec(ProcessSpec spec, Path scratch) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", orDefault(parent.get("PATH"), DEFAULT_PATH));
    env.put("HOME", scratch.toString());
    env.put("TMPDIR", scratch.toString());
    String lang = orDefault(parent.get("LANG"), DEFAULT_LOCALE);
    env.put("LANG", lang);
    env.put("LC_ALL", orDefault(parent.get("LC_ALL"), lang));
    env.put("TERM", "dumb");
    for (String name : spec.inheritedEnvironment()) {
      String value = parent.get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(spec.environment());
    spec.secretEnvironment().forEach((name, secret) -> env.put(name, secret.reveal()));
    return env;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
