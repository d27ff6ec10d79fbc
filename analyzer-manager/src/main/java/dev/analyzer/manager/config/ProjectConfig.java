package dev.analyzer.manager.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project's {@code .analyzer.json} or {@code analyzer.yml} (same keys, YAML or JSON): defaults for
 * {@code analyze} that the command-line flags override. Validated when read; every message names the
 * file and the key. Immutable.
 *
 * <p>Keys: {@code types}, {@code tools}, {@code urls} (text or list of texts); {@code fail_on}
 * (severity); {@code allow_missing}, {@code start_app} (booleans); {@code timeout} (seconds),
 * {@code app_port}, {@code app} (numbers); {@code model}, {@code app_command}, {@code baseline}
 * (texts); {@code services}: per service ({@code static}, {@code dynamic}, {@code performance},
 * {@code ai}) the object sent as that service's request {@code config}, for example
 * {@code performance.thresholds}, {@code dynamic.auth}; {@code ai.requirements} may name a JSON
 * file (relative to the config file) whose requirements are sent inline.
 */
public record ProjectConfig(Path file, List<String> types, List<String> tools, List<String> urls, Severity failOn,
    Boolean allowMissing, Boolean startApp, Integer timeout, Integer appPort, Integer app, String model,
    String appCommand, Path baseline, Map<String, Map<String, Object>> services) {

  /** The file name looked for in the source directory, then in the working directory. */
  public static final String FILE_NAME = ".analyzer.json";
  /** Every name looked for, in this order, in each directory. */
  public static final List<String> FILE_NAMES = List.of(FILE_NAME, "analyzer.yml", "analyzer.yaml", ".analyzer.yml");
  /** A config file larger than this is refused (it holds a few keys). */
  public static final long MAX_BYTES = 1 << 20;

  private static final Set<String> KEYS = Set.of("types", "tools", "urls", "fail_on", "allow_missing", "start_app",
      "timeout", "app_port", "app", "model", "app_command", "baseline", "services");
  private static final Set<String> SERVICES = Set.of("static", "dynamic", "performance", "ai");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

  /** No file: every value null. */
  public static ProjectConfig none() {
    return new ProjectConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, Map.of());
  }

  /**
   * The config of {@code explicit} if given, else {@code .analyzer.json} in {@code sourceDir}, else in the
   * working directory, else {@link #none()}.
   *
   * @throws IllegalArgumentException (usage) naming the file and the key of the first problem
   */
  public static ProjectConfig find(Path explicit, Path sourceDir) throws IOException {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit)) {
        throw new IllegalArgumentException("--config " + explicit + " does not exist");
      }
      return read(explicit);
    }
    for (Path dir : new Path[] {sourceDir, Path.of("")}) {
      for (String name : FILE_NAMES) {
        if (dir != null && Files.isRegularFile(dir.resolve(name))) {
          return read(dir.resolve(name));
        }
      }
    }
    return none();
  }

  public static ProjectConfig read(Path file) throws IOException {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
    if (Files.size(file) > MAX_BYTES) {
      throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes; a config file holds a few keys");
    }
    JsonNode root;
    try {
      root = (yaml ? YAML : JSON).readTree(file.toFile());
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")";
      throw new IllegalArgumentException(file + " is not valid " + (yaml ? "YAML" : "JSON") + where);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + (yaml ? " must hold a YAML mapping, like \"types: [static]\" and"
          + " \"fail_on: high\"" : " must hold a JSON object, like {\"types\": [\"static\"], \"fail_on\": \"high\"}"));
    }
    Keys k = new Keys(file);
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw k.bad(key, "is not a key of this file (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
      }
    }
    Severity failOn = k.text(root, "fail_on").map(s -> Severity.fromWire(s).orElseThrow(() -> k.bad("fail_on",
        "must be one of critical, high, medium, low, info, got \"" + s + "\""))).orElse(null);
    Integer timeout = k.number(root, "timeout", 1, 86_400);
    Integer appPort = k.number(root, "app_port", 1, 65_535);
    Integer app = k.number(root, "app", 0, Integer.MAX_VALUE);
    Path baseline = k.text(root, "baseline").map(b -> file.toAbsolutePath().getParent().resolve(b).normalize()).orElse(null);
    return new ProjectConfig(file, k.texts(root, "types"), k.texts(root, "tools"), k.texts(root, "urls"), failOn,
        k.bool(root, "allow_missing"), k.bool(root, "start_app"), timeout, appPort, app, k.text(root, "model").orElse(null),
        k.text(root, "app_command").orElse(null), baseline, services(root, k, file));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(JsonNode root, Keys k, Path file) throws IOException {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    JsonNode s = root.get("services");
    if (s == null || s.isNull()) {
      return out;
    }
    if (!s.isObject()) {
      throw k.bad("services", "must be an object with static, dynamic, performance or ai");
    }
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!SERVICES.contains(name)) {
        throw k.bad("services." + name, "is not a service (use static, dynamic, performance or ai)");
      }
      if (!s.get(name).isObject()) {
        throw k.bad("services." + name, "must be an object (that service's request config)");
      }
      Map<String, Object> config = JSON.convertValue(s.get(name), LinkedHashMap.class);
      if (name.equals("ai") && config.get("requirements") instanceof String path) {
        config.put("requirements", Requirements.load(file.toAbsolutePath().getParent().resolve(path).normalize(),
            k, "services.ai.requirements"));
      }
      out.put(name, config);
    }
    return out;
  }

  /** Reads typed values, failing with the file and key named. */
  record Keys(Path file) {

    IllegalArgumentException bad(String key, String why) {
      return new IllegalArgumentException(file + ": key \"" + key + "\" " + why);
    }

    Optional<String> text(JsonNode root, String key) {
      JsonNode v = root.get(key);
      if (v == null || v.isNull()) {
        return Optional.empty();
      }
      if (!v.isTextual() || v.asText().isBlank()) {
        throw bad(key, "must be a non-empty text, got " + v);
      }
      return Optional.of(v.asText());
    }

    List<String> texts(JsonNode root, String key) {
      JsonNode v = root.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      List<String> out = new ArrayList<>();
      if (v.isTextual()) {
        for (String s : v.asText().split(",")) {
          if (!s.isBlank()) {
            out.add(s.strip());
          }
        }
        return out;
      }
      if (!v.isArray()) {
        throw bad(key, "must be a text or a list of texts, got " + v);
      }
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          throw bad(key, "must list texts, got " + e);
        }
        out.add(e.asText());
      }
      return out;
    }

    Boolean bool(JsonNode root, String key) {
      JsonNode v = root.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isBoolean()) {
        throw bad(key, "must be true or false, got " + v);
      }
      return v.asBoolean();
    }

    Integer number(JsonNode root, String key, int min, int max) {
      JsonNode v = root.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
        throw bad(key, "must be a whole number from " + min + " to " + max + ", got " + v);
      }
      return v.asInt();
    }
  }
}
