package dev.analyzer.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.analyzer.core.json.FrozenJson;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed fields of one JSON object and remembers which it read, so the rest become the
 * message's {@code extra}. Every type mismatch becomes a {@link ProtocolException} naming the
 * field, the expectation and what arrived. A JSON {@code null} reads as absent.
 *
 * <p>Not thread-safe; one instance per decoded object.
 */
final class FieldReader {

  private static final int SHOWN_VALUE_CHARS = 60;

  private final ObjectNode node;
  private final String where;
  private final Set<String> read = new HashSet<>();
  private String correlationId;

  FieldReader(ObjectNode node, String where) {
    this.node = node;
    this.where = where;
  }

  /** The request id to attach to errors raised after this point. */
  void correlationId(String id) {
    this.correlationId = id;
  }

  private JsonNode take(String field) {
    read.add(field);
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  ProtocolException invalid(String field, String expected, JsonNode actual) {
    return new ProtocolException(ErrorCode.INVALID_REQUEST,
        where + ": field '" + field + "' must be " + expected + ", got " + describe(actual),
        field, correlationId);
  }

  ProtocolException missing(String field, String expected) {
    return new ProtocolException(ErrorCode.INVALID_REQUEST,
        where + ": field '" + field + "' is required (" + expected + ")", field, correlationId);
  }

  String string(String field) {
    JsonNode v = take(field);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw invalid(field, "a string", v);
    }
    return v.textValue();
  }

  String requiredString(String field) {
    String s = string(field);
    if (s == null) {
      throw missing(field, "a string");
    }
    return s;
  }

  Integer integer(String field) {
    JsonNode v = take(field);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw invalid(field, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE, v);
    }
    return v.intValue();
  }

  Double number(String field) {
    JsonNode v = take(field);
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      throw invalid(field, "a number", v);
    }
    double d = v.doubleValue();
    if (Double.isInfinite(d) || Double.isNaN(d)) {
      throw invalid(field, "a finite number", v);
    }
    return d;
  }

  Boolean bool(String field) {
    JsonNode v = take(field);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw invalid(field, "true or false", v);
    }
    return v.booleanValue();
  }

  /** ISO-8601 with an offset, or without one (the original's naive timestamps), read as UTC. */
  Instant instant(String field) {
    String s = string(field);
    if (s == null) {
      return null;
    }
    Instant fast = IsoInstants.parse(s);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException withOffset) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException naive) {
        throw new ProtocolException(ErrorCode.INVALID_REQUEST,
            where + ": field '" + field + "' must be an ISO-8601 date-time such as "
                + "2026-01-31T12:00:00Z, got \"" + shorten(s) + "\"", field, correlationId);
      }
    }
  }

  /** A list of strings; a single string is accepted as a one-element list, as the original did. */
  List<String> stringList(String field) {
    JsonNode v = take(field);
    if (v == null) {
      return null;
    }
    if (v.isTextual()) {
      return List.of(v.textValue());
    }
    if (!v.isArray()) {
      throw invalid(field, "a list of strings", v);
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isTextual()) {
        throw invalid(field + "[" + i + "]", "a string", item);
      }
      out.add(item.textValue());
    }
    return Collections.unmodifiableList(out);
  }

  Map<String, Object> object(String field) {
    JsonNode v = take(field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw invalid(field, "a JSON object", v);
    }
    return FrozenJson.object(v);
  }

  /** A nested object read by {@code reader}, with errors naming the nested path. */
  <T> T nested(String field, Function<FieldReader, T> reader) {
    JsonNode v = take(field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw invalid(field, "a JSON object", v);
    }
    FieldReader inner = new FieldReader((ObjectNode) v, where + "." + field);
    inner.correlationId(correlationId);
    return reader.apply(inner);
  }

  /** A list of objects, each read by {@code reader}. */
  <T> List<T> objectList(String field, Function<FieldReader, T> reader) {
    JsonNode v = take(field);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw invalid(field, "a list of JSON objects", v);
    }
    List<T> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isObject()) {
        throw invalid(field + "[" + i + "]", "a JSON object", item);
      }
      FieldReader inner = new FieldReader((ObjectNode) item, where + "." + field + "[" + i + "]");
      inner.correlationId(correlationId);
      out.add(reader.apply(inner));
    }
    return Collections.unmodifiableList(out);
  }

  /** Every field not read so far, frozen, in arrival order. */
  Map<String, Object> rest() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!read.contains(e.getKey())) {
        out.put(e.getKey(), FrozenJson.value(e.getValue()));
      }
    }
    return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
  }

  static String describe(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    String kind;
    switch (v.getNodeType()) {
      case STRING:
        return "string \"" + shorten(v.textValue()) + "\"";
      case NUMBER:
        kind = "number";
        break;
      case BOOLEAN:
        kind = "boolean";
        break;
      case ARRAY:
        return "a list of " + v.size();
      case OBJECT:
        return "a JSON object";
      default:
        kind = v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
    return kind + " " + shorten(v.toString());
  }

  private static String shorten(String s) {
    return s.length() <= SHOWN_VALUE_CHARS ? s : s.substring(0, SHOWN_VALUE_CHARS) + "…";
  }
}
