package dev.analyzer.http.target;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The targets of a request, as the original chose them: {@code target_urls} (a list, a string, or
 * list items holding comma lists), else the legacy {@code target_url}, else the app's conventions:
 * {@code http://127.0.0.1:<BACKEND_PORT>} and {@code http://127.0.0.1:<FRONTEND_PORT>}, where the
 * ports come from {@code config.backend_port}/{@code config.frontend_port}, else the app directory's
 * {@code .env}, else 5000 and 8000. Duplicates are dropped, order kept. Stateless and thread-safe.
 */
public final class Targets {

  /** The backend port when neither config nor {@code .env} sets one. */
  public static final int DEFAULT_BACKEND_PORT = 5000;
  /** The frontend port when neither config nor {@code .env} sets one. */
  public static final int DEFAULT_FRONTEND_PORT = 8000;
  private static final long MAX_ENV_BYTES = 64 * 1024;

  private Targets() {
  }

  /**
   * The request's targets.
   *
   * @param appDir the app directory already resolved by the service (for {@code .env}), or empty
   * @throws ProtocolException {@code invalid_request} naming the field and the bad URL
   */
  public static List<Target> of(AnalysisRequest request, Optional<Path> appDir) {
    List<String> urls = split(request.targetUrls());
    String field = "target_urls";
    if (urls.isEmpty()) {
      Object legacy = request.extra().get("target_url");
      if (legacy instanceof String) {
        urls = split(List.of((String) legacy));
        field = "target_url";
      } else if (legacy instanceof List) {
        List<String> items = new ArrayList<>();
        ((List<?>) legacy).forEach(o -> items.add(String.valueOf(o)));
        urls = split(items);
        field = "target_url";
      }
    }
    Set<Target> out = new LinkedHashSet<>();
    if (urls.isEmpty()) {
      Map<String, String> env = appDir.map(Targets::readEnv).orElse(Map.of());
      out.add(new Target("http", "127.0.0.1", port(request, "backend_port", env, "BACKEND_PORT",
          DEFAULT_BACKEND_PORT), ""));
      out.add(new Target("http", "127.0.0.1", port(request, "frontend_port", env, "FRONTEND_PORT",
          DEFAULT_FRONTEND_PORT), ""));
      return List.copyOf(out);
    }
    for (String u : urls) {
      try {
        out.add(Target.parse(u));
      } catch (IllegalArgumentException e) {
        throw new ProtocolException(ErrorCode.INVALID_REQUEST, field + ": " + e.getMessage(), field, request.id());
      }
    }
    return List.copyOf(out);
  }

  private static List<String> split(List<String> items) {
    List<String> out = new ArrayList<>();
    if (items != null) {
      for (String item : items) {
        for (String part : item.split(",")) {
          if (!part.isBlank()) {
            out.add(part.trim());
          }
        }
      }
    }
    return out;
  }

  private static int port(AnalysisRequest request, String configKey, Map<String, String> env, String envKey,
      int fallback) {
    Object c = request.config().get(configKey);
    Integer p = c instanceof Number ? Integer.valueOf(((Number) c).intValue())
        : c instanceof String ? parsePort((String) c) : null;
    if (c != null && p == null) {
      throw new ProtocolException(ErrorCode.INVALID_REQUEST, "config." + configKey + " must be a port 1..65535, got "
          + c, "config", request.id());
    }
    if (p == null) {
      p = env.containsKey(envKey) ? parsePort(env.get(envKey)) : null;
    }
    return p == null ? fallback : p;
  }

  private static Integer parsePort(String s) {
    try {
      int p = Integer.parseInt(s.trim());
      return p >= 1 && p <= 65535 ? p : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** KEY=VALUE lines of {@code dir/.env}; quotes stripped, comments and an unreadable file ignored. */
  static Map<String, String> readEnv(Path dir) {
    Path file = dir.resolve(".env");
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_ENV_BYTES) {
        return Map.of();
      }
      Map<String, String> out = new java.util.HashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String l = line.trim();
        if (l.startsWith("export ")) {
          l = l.substring(7).trim();
        }
        int eq = l.indexOf('=');
        if (l.startsWith("#") || eq <= 0) {
          continue;
        }
        String v = l.substring(eq + 1).trim();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.endsWith(v.substring(0, 1))) {
          v = v.substring(1, v.length() - 1);
        }
        out.put(l.substring(0, eq).trim(), v);
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }
}
