package dev.analyzer.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable Java views of free-form JSON: objects become unmodifiable insertion-ordered maps, arrays
 * unmodifiable lists, and scalars {@link String}, {@link Boolean}, {@link Integer}/{@link Long}/
 * {@link BigInteger}, {@link BigDecimal} or {@code null}.
 *
 * <p>Used for the parts of the protocol whose shape belongs to a service (a tool's raw record, a
 * summary, unknown fields a newer peer sent), so that messages stay immutable and nothing a peer
 * sent is dropped. Nesting depth is bounded by the codec's parser limits before these methods run.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class FrozenJson {

  private FrozenJson() {}

  /** Freezes a JSON object node; {@code null} or a JSON null gives an empty map. */
  public static Map<String, Object> object(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, got " + node.getNodeType());
    }
    Map<String, Object> out = new LinkedHashMap<>(Math.max(4, node.size() * 2));
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), value(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Freezes any JSON node into its immutable Java form. */
  public static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    switch (node.getNodeType()) {
      case OBJECT:
        return object(node);
      case ARRAY:
        List<Object> list = new ArrayList<>(node.size());
        for (JsonNode child : node) {
          list.add(value(child));
        }
        return Collections.unmodifiableList(list);
      case STRING:
        return node.textValue();
      case BOOLEAN:
        return node.booleanValue();
      case NUMBER:
        return normalizeNumber(node.numberValue(), "$");
      case BINARY:
      case POJO:
      default:
        return node.asText();
    }
  }

  /**
   * Deep-copies a caller's map into the frozen form. Values may be maps with string keys, lists,
   * strings, numbers, booleans or {@code null}; anything else is rejected so that encoding cannot
   * fail later.
   *
   * @throws IllegalArgumentException naming the key path of a value that is not JSON
   */
  public static Map<String, Object> copyOf(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    return copyObject(map, "$");
  }

  /** Deep-copies a caller's list into the frozen form; see {@link #copyOf(Map)}. */
  public static List<Object> copyOf(List<?> list) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    return copyArray(list, "$");
  }

  /**
   * Numbers in the form decoding produces, so that a value built in Java equals the same value read
   * back from JSON: integers as {@link Integer} when they fit, else {@link Long}, else
   * {@link BigInteger}; fractions as {@link BigDecimal}.
   */
  private static Object normalizeNumber(Number n, String path) {
    if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.intValue();
    }
    if (n instanceof Long) {
      long l = n.longValue();
      return l == (int) l ? Integer.valueOf((int) l) : n;
    }
    if (n instanceof BigInteger) {
      BigInteger b = (BigInteger) n;
      return b.bitLength() < 64 ? normalizeNumber(b.longValue(), path) : b;
    }
    if (n instanceof BigDecimal) {
      return n;
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON has no NaN or infinity, got " + d + " at " + path);
    }
    return BigDecimal.valueOf(d);
  }

  private static Map<String, Object> copyObject(Map<?, ?> map, String path) {
    Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String)) {
        throw new IllegalArgumentException("JSON object keys must be strings at " + path + ", got " + e.getKey());
      }
      String key = (String) e.getKey();
      out.put(key, copyValue(e.getValue(), path + "." + key));
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<Object> copyArray(List<?> list, String path) {
    List<Object> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(copyValue(list.get(i), path + "[" + i + "]"));
    }
    return Collections.unmodifiableList(out);
  }

  private static Object copyValue(Object value, String path) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number) {
      return normalizeNumber((Number) value, path);
    }
    if (value instanceof Map) {
      return copyObject((Map<?, ?>) value, path);
    }
    if (value instanceof List) {
      return copyArray((List<?>) value, path);
    }
    if (value instanceof WireValue) {
      return ((WireValue) value).wire();
    }
    throw new IllegalArgumentException(
        "not a JSON value at " + path + ": " + value.getClass().getName());
  }
}
