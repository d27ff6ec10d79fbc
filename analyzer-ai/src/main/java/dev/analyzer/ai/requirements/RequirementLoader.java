package dev.analyzer.ai.requirements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an analysis's requirements, first match wins: {@code config.requirements} (a list of
 * {@code {id, text, category}} or of strings), the template {@code config.template_slug} in the
 * templates directory (what the request names explicitly), then {@code requirements.json} or
 * {@code REQUIREMENTS.md} in the app directory. Templates are the original's JSON: {@code backend_requirements}, {@code frontend_requirements},
 * {@code admin_requirements}, {@code api_endpoints}, {@code admin_api_endpoints}. When none is
 * found, {@link Result#error()} names every place it looked. Stateless.
 */
public final class RequirementLoader {

  /** Largest requirements file read. */
  public static final long MAX_FILE_BYTES = 1024 * 1024;
  /** Most requirements taken from one list; a longer list is cut and the set says so ({@code truncatedFrom}). */
  public static final int MAX_REQUIREMENTS = 500;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
  private static final Pattern MD_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+(?:\\[( |x|X)]\\s+)?(.+)$");
  private static final Pattern MD_HEADING = Pattern.compile("^#{1,6}\\s+(.+)$");

  /** Requirements, or why there are none. */
  public record Result(RequirementSet set, String error) {}

  private RequirementLoader() {}

  /**
   * Loads the requirements of a request.
   *
   * @param config the request's {@code config}
   * @param appDir the app directory (already checked against the source roots), or null
   * @param templatesDir the templates directory, or null
   * @param resolve checks each file path before it is read (the service's {@code ctx.resolveSource})
   */
  public static Result load(Map<String, Object> config, Path appDir, Path templatesDir, UnaryOperator<Path> resolve) {
    List<String> looked = new ArrayList<>();
    Object inline = config.get("requirements");
    String slug = config.get("template_slug") instanceof String s ? s.strip() : null;
    try {
      if (inline != null) {
        List<Requirement> reqs = fromJson(JSON.valueToTree(inline), "config");
        if (!reqs.isEmpty()) {
          return new Result(capped(reqs, "config.requirements", slug, List.of()), null);
        }
        looked.add("config.requirements (empty)");
      } else {
        looked.add("config.requirements (absent)");
      }
      if (slug == null || slug.isEmpty()) {
        looked.add("config.template_slug (absent)");
      } else if (!SLUG.matcher(slug).matches()) {
        return new Result(null, "config.template_slug must be letters, digits, '_' or '-' (at most 128), got '"
            + slug.replaceAll("[^\\x20-\\x7e]", "?") + "'");
      } else if (templatesDir == null) {
        looked.add("template '" + slug + "' (ANALYZER_TEMPLATES_DIR is not set)");
      } else {
        Path file = templatesDir.resolve(slug + ".json");
        if (Files.isRegularFile(file)) {
          return new Result(template(read(file), slug), null);
        }
        looked.add("template " + file);
      }
      if (appDir != null) {
        Optional<Result> inApp = fromAppDir(appDir, resolve, slug, looked);
        if (inApp.isPresent()) {
          return inApp.get();
        }
      } else {
        looked.add("the app directory (none resolved)");
      }
    } catch (IOException | IllegalArgumentException e) {
      return new Result(null, "requirements could not be read: " + e.getMessage());
    }
    return new Result(null, "no requirements found; looked in: " + String.join(", ", looked)
        + ". Give config.requirements, put requirements.json or REQUIREMENTS.md in the app, or set "
        + "config.template_slug with ANALYZER_TEMPLATES_DIR");
  }

  private static Optional<Result> fromAppDir(Path appDir, UnaryOperator<Path> resolve, String slug,
      List<String> looked) throws IOException {
    Path json;
    Path md;
    try {
      json = resolve.apply(appDir.resolve("requirements.json"));
      md = resolve.apply(appDir.resolve("REQUIREMENTS.md"));
    } catch (IllegalArgumentException outside) {
      looked.add("the app's requirements files (outside the allowed source roots)");
      return Optional.empty();
    }
    if (Files.isRegularFile(json)) {
      JsonNode root = JSON.readTree(read(json));
      if (root.has("backend_requirements") || root.has("frontend_requirements")) {
        return Optional.of(new Result(template(read(json), slug != null ? slug : text(root, "slug")), null));
      }
      List<Requirement> reqs = fromJson(root.has("requirements") ? root.get("requirements") : root, "req");
      if (!reqs.isEmpty()) {
        return Optional.of(new Result(capped(reqs, "requirements.json", slug, List.of()), null));
      }
      looked.add("requirements.json (no requirements in it)");
    } else {
      looked.add("requirements.json");
    }
    if (Files.isRegularFile(md)) {
      List<Requirement> reqs = fromMarkdown(read(md));
      if (!reqs.isEmpty()) {
        return Optional.of(new Result(capped(reqs, "REQUIREMENTS.md", slug, List.of()), null));
      }
      looked.add("REQUIREMENTS.md (no list items in it)");
    } else {
      looked.add("REQUIREMENTS.md");
    }
    return Optional.empty();
  }

  /** A list of {@code {id, text, category}} objects or plain strings. */
  static List<Requirement> fromJson(JsonNode list, String idPrefix) {
    if (!list.isArray()) {
      throw new IllegalArgumentException("requirements must be a list of {id, text, category} or of strings");
    }
    List<Requirement> out = new ArrayList<>();
    int n = 0;
    for (JsonNode item : list) {
      n++;
      if (item.isTextual()) {
        out.add(new Requirement(idPrefix + "-" + n, item.asText(), null));
      } else if (item.isObject()) {
        String text = text(item, "text") != null ? text(item, "text") : text(item, "description");
        if (text == null || text.isBlank()) {
          throw new IllegalArgumentException("requirement " + n + " has no text");
        }
        String id = item.hasNonNull("id") ? item.get("id").asText() : idPrefix + "-" + n;
        out.add(new Requirement(id, text, text(item, "category")));
      } else {
        throw new IllegalArgumentException("requirement " + n + " must be an object or a string");
      }
    }
    return out;
  }

  /** List items, each under the category of its nearest heading (Backend, Frontend, Admin...). */
  static List<Requirement> fromMarkdown(String md) {
    List<Requirement> out = new ArrayList<>();
    String category = null;
    for (String line : md.split("\\R")) {
      Matcher h = MD_HEADING.matcher(line);
      if (h.matches()) {
        category = h.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("\\s*requirements?\\s*", "").strip();
        continue;
      }
      Matcher m = MD_ITEM.matcher(line);
      if (m.matches()) {
        out.add(new Requirement("req-" + (out.size() + 1), m.group(2), category));
      }
    }
    return out;
  }

  /** The original's template JSON. */
  static RequirementSet template(String json, String slug) throws IOException {
    JsonNode root = JSON.readTree(json);
    List<Requirement> reqs = new ArrayList<>();
    for (String cat : List.of("backend", "frontend", "admin")) {
      int n = 0;
      for (JsonNode t : root.path(cat + "_requirements")) {
        if (t.isTextual() && !t.asText().isBlank()) {
          reqs.add(new Requirement(cat + "-" + (++n), t.asText().replaceFirst("^\\d+\\.\\s*", ""), cat));
        }
      }
    }
    List<RequirementSet.Endpoint> endpoints = new ArrayList<>();
    for (String key : List.of("api_endpoints", "admin_api_endpoints")) {
      for (JsonNode e : root.path(key)) {
        if (e.hasNonNull("method") && e.hasNonNull("path")) {
          JsonNode body = e.get("request");
          endpoints.add(new RequirementSet.Endpoint(e.get("method").asText().toUpperCase(Locale.ROOT),
              e.get("path").asText(), text(e, "description"), body == null || body.isNull() ? null : body.toString(),
              key.startsWith("admin")));
        }
      }
    }
    if (reqs.isEmpty()) {
      throw new IllegalArgumentException("template " + slug + " lists no requirements");
    }
    return capped(reqs, "template " + slug, slug, endpoints);
  }

  /** The first {@link #MAX_REQUIREMENTS} of {@code all}, remembering how many there were when cut. */
  static RequirementSet capped(List<Requirement> all, String source, String slug,
      List<RequirementSet.Endpoint> endpoints) {
    if (all.size() <= MAX_REQUIREMENTS) {
      return new RequirementSet(all, source, slug, endpoints);
    }
    return new RequirementSet(all.subList(0, MAX_REQUIREMENTS), source, slug, endpoints, all.size());
  }

  private static String read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(file.getFileName() + " is " + size + " bytes; at most " + MAX_FILE_BYTES
          + " are read");
    }
    return Files.readString(file);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
