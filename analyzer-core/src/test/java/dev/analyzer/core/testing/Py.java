package dev.analyzer.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python semantics the original's manager relies on, over Jackson nodes, so the readers can
 * follow its code line by line: {@code dict.get(key, default)} (the default only when the key is
 * missing: a JSON null stays None), truthiness, {@code str()}, {@code .replace} (which raises on
 * None, the way the manager's extractor then loses every finding of the service), iteration (which
 * raises on None and numbers), and both severity normalisations. Test code; stateless.
 */
public final class Py {

  /** What a Python exception inside an extractor would be. */
  public static final class PyError extends RuntimeException {
    public PyError(String message) {
      super(message);
    }
  }

  private Py() {}

  /** {@code d.get(key, default)}: null (None) when the key is there with JSON null. */
  public static JsonNode get(JsonNode d, String key, JsonNode dflt) {
    if (!d.isObject()) {
      throw new PyError("'" + type(d) + "' object has no attribute 'get'");
    }
    return d.has(key) ? d.get(key) : dflt;
  }

  public static JsonNode get(JsonNode d, String key) {
    return get(d, key, MissingNode.getInstance());
  }

  public static boolean isDict(JsonNode n) {
    return n != null && n.isObject();
  }

  public static boolean isList(JsonNode n) {
    return n != null && n.isArray();
  }

  /** Python truthiness (a missing value counts as None). */
  public static boolean truthy(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return false;
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isNumber()) {
      return n.asDouble() != 0;
    }
    if (n.isTextual()) {
      return !n.asText().isEmpty();
    }
    return n.size() > 0;
  }

  /** {@code str(x)} as an f-string would print it. */
  public static String str(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "None";
    }
    if (n.isBoolean()) {
      return n.asBoolean() ? "True" : "False";
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isIntegralNumber()) {
      return n.bigIntegerValue().toString();
    }
    if (n.isNumber()) {
      String s = Double.toString(n.asDouble());
      return s;
    }
    return n.toString();
  }

  /** {@code x.replace(a, b)}: only a str has it. */
  public static String replace(JsonNode n, String a, String b) {
    if (n == null || !n.isTextual()) {
      throw new PyError("'" + type(n) + "' object has no attribute 'replace'");
    }
    return n.asText().replace(a, b);
  }

  /** {@code for x in n}: a list's items, a dict's keys; None and numbers raise. */
  public static List<JsonNode> iter(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(out::add);
    } else if (n != null && n.isObject()) {
      n.fieldNames().forEachRemaining(k -> out.add(com.fasterxml.jackson.databind.node.TextNode.valueOf(k)));
    } else if (n != null && n.isTextual()) {
      n.asText().chars().forEach(c -> out.add(com.fasterxml.jackson.databind.node.TextNode.valueOf(
          String.valueOf((char) c))));
    } else {
      throw new PyError("'" + type(n) + "' object is not iterable");
    }
    return out;
  }

  public static String type(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "NoneType";
    }
    if (n.isObject()) {
      return "dict";
    }
    if (n.isArray()) {
      return "list";
    }
    if (n.isTextual()) {
      return "str";
    }
    if (n.isBoolean()) {
      return "bool";
    }
    return n.isIntegralNumber() ? "int" : "float";
  }

  /** The manager's own {@code _normalize_severity} (fallback mode, §2.1). */
  public static String fallbackSeverity(String severity) {
    String s = String.valueOf(severity).toLowerCase(Locale.ROOT);
    return switch (s) {
      case "critical", "fatal", "high" -> "high";
      case "medium", "warning", "warn" -> "medium";
      case "low", "info", "note" -> "low";
      case "error" -> "high";
      default -> "medium";
    };
  }

  /** The shared utilities' {@code normalize_severity} (§3.4). */
  public static String sharedSeverity(JsonNode severity) {
    if (severity == null || severity.isMissingNode() || severity.isNull()) {
      return "info";
    }
    if (severity.isNumber() && !severity.isBoolean()) {
      double d = severity.asDouble();
      return d >= 2 ? "high" : d == 1 ? "medium" : "info";
    }
    return switch (str(severity).toLowerCase(Locale.ROOT).strip()) {
      case "critical", "fatal" -> "critical";
      case "high", "error", "danger", "severe" -> "high";
      case "medium", "moderate", "warning", "warn" -> "medium";
      case "low", "minor", "note", "suggestion" -> "low";
      case "info", "informational", "none", "unknown" -> "info";
      default -> "medium";
    };
  }
}
