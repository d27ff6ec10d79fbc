package dev.analyzer.dynamic.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Endpoints of an OpenAPI 3 or Swagger 2 JSON document, plus {@code robots.txt} and
 * {@code sitemap.xml} paths. Path templates ({@code /items/{id}}) become path parameters with sample
 * 1; query and path parameters, form fields and the top-level properties of JSON bodies (one
 * {@code $ref} followed) become parameters. Stateless and thread-safe.
 */
public final class ApiDocExtractor {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
  private static final Pattern LOC = Pattern.compile("<loc>\\s*([^<\\s]{1,2000})\\s*</loc>");
  private static final Pattern TEMPLATE = Pattern.compile("\\{[^}/]{1,60}}");

  private ApiDocExtractor() {}

  /** True when {@code body} looks like an OpenAPI or Swagger JSON document. */
  public static boolean isApiDoc(String body) {
    String head = body.length() > 2000 ? body.substring(0, 2000) : body;
    return head.trim().startsWith("{") && (head.contains("\"openapi\"") || head.contains("\"swagger\""))
        && body.contains("\"paths\"");
  }

  /** The endpoints of the document {@code body}, served at {@code base}; empty when it does not parse. */
  public static List<Found> openApi(URI base, String body) {
    List<Found> out = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (Exception e) {
      return out;
    }
    String prefix = root.path("basePath").asText("");
    JsonNode servers = root.path("servers");
    if (servers.isArray() && servers.size() > 0) {
      String u = servers.get(0).path("url").asText("");
      prefix = u.matches("(?i)https?://.*") ? URI.create(u).getRawPath() : u;
    }
    prefix = prefix == null ? "" : prefix.replaceAll("/+$", "");
    Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
    while (paths.hasNext() && out.size() < 2000) {
      Map.Entry<String, JsonNode> p = paths.next();
      Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (!METHODS.contains(op.getKey().toLowerCase(Locale.ROOT))) {
          continue;
        }
        List<Param> params = new ArrayList<>();
        List<JsonNode> declared = new ArrayList<>();
        p.getValue().path("parameters").forEach(declared::add);
        op.getValue().path("parameters").forEach(declared::add);
        StringBuilder query = new StringBuilder();
        for (JsonNode d : declared) {
          d = deref(root, d);
          String name = d.path("name").asText("");
          String in = d.path("in").asText("");
          if (name.isEmpty()) {
            continue;
          }
          switch (in) {
            case "query" -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                .append(java.net.URLEncoder.encode(sample(d, deref(root, d.path("schema"))),
                    java.nio.charset.StandardCharsets.UTF_8));
            case "formData" -> params.add(new Param(name, Param.Where.FORM, "probe"));
            case "body" -> properties(root, d.path("schema"), params);
            default -> { }
          }
        }
        JsonNode content = op.getValue().path("requestBody").path("content");
        if (content.has("application/json")) {
          properties(root, content.path("application/json").path("schema"), params);
        } else if (content.has("application/x-www-form-urlencoded")) {
          for (Iterator<String> it = deref(root, content.path("application/x-www-form-urlencoded").path("schema"))
              .path("properties").fieldNames(); it.hasNext();) {
            params.add(new Param(it.next(), Param.Where.FORM, "probe"));
          }
        }
        Matcher t = TEMPLATE.matcher(p.getKey());
        String concrete = t.replaceAll("1");
        HtmlExtractor.add(out, base, prefix + concrete + query, op.getKey().toUpperCase(Locale.ROOT), params,
            "openapi", false);
      }
    }
    return out;
  }

  private static void properties(JsonNode root, JsonNode schema, List<Param> params) {
    JsonNode s = deref(root, schema);
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> f = it.next();
      params.add(new Param(f.getKey(), Param.Where.JSON, sample(f.getValue(), deref(root, f.getValue()))));
    }
  }

  /**
   * The document's own example, default or first enum value; else 1 for numbers, true for booleans
   * and nothing for strings (a value seen in a link or script is then taken instead).
   */
  private static String sample(JsonNode declared, JsonNode schema) {
    for (JsonNode n : List.of(declared.path("example"), schema.path("example"), schema.path("default"),
        schema.path("enum").path(0))) {
      if (n.isValueNode() && !n.isNull()) {
        return n.asText();
      }
    }
    return switch (schema.path("type").asText(declared.path("type").asText(""))) {
      case "integer", "number" -> "1";
      case "boolean" -> "true";
      default -> "";
    };
  }

  private static JsonNode deref(JsonNode root, JsonNode node) {
    String ref = node.path("$ref").asText("");
    if (!ref.startsWith("#/")) {
      return node;
    }
    JsonNode n = root;
    for (String part : ref.substring(2).split("/")) {
      n = n.path(part.replace("~1", "/").replace("~0", "~"));
    }
    return n;
  }

  /** {@code Allow}, {@code Disallow} and {@code Sitemap} entries of a robots.txt (wildcards skipped). */
  public static List<Found> robots(URI base, String body) {
    List<Found> out = new ArrayList<>();
    for (String line : body.split("\n")) {
      String l = line.trim();
      int colon = l.indexOf(':');
      if (colon < 0 || out.size() > 200) {
        continue;
      }
      String key = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = l.substring(colon + 1).trim();
      int hash = value.indexOf('#');
      value = hash >= 0 ? value.substring(0, hash).trim() : value;
      if ((key.equals("allow") || key.equals("disallow")) && value.startsWith("/") && !value.contains("*")
          && !value.contains("$")) {
        HtmlExtractor.add(out, base, value, "GET", List.of(), "robots", true);
      } else if (key.equals("sitemap")) {
        HtmlExtractor.add(out, base, value, "GET", List.of(), "robots", true);
      }
    }
    return out;
  }

  /** The {@code <loc>} URLs of a sitemap (or sitemap index). */
  public static List<Found> sitemap(URI base, String body) {
    List<Found> out = new ArrayList<>();
    Matcher m = LOC.matcher(body);
    while (m.find() && out.size() < 500) {
      HtmlExtractor.add(out, base, m.group(1).replace("&amp;", "&"), "GET", List.of(), "sitemap", true);
    }
    return out;
  }
}
