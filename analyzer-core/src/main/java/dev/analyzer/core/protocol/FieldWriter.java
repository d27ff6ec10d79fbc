package dev.analyzer.core.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.analyzer.core.json.WireValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes the fields of one JSON object; {@code null} values are omitted. Values in free-form maps
 * are the immutable JSON forms of {@link dev.analyzer.core.json.FrozenJson}.
 *
 * <p>Not thread-safe; one instance per encoded frame.
 */
final class FieldWriter {

  private final JsonGenerator gen;

  FieldWriter(JsonGenerator gen) {
    this.gen = gen;
  }

  FieldWriter string(String field, String value) {
    if (value != null) {
      try {
        gen.writeStringField(field, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  FieldWriter wire(String field, WireValue value) {
    return value == null ? this : string(field, value.wire());
  }

  FieldWriter instant(String field, Instant value) {
    return value == null ? this : string(field, IsoInstants.format(value));
  }

  FieldWriter value(String field, Object value) {
    if (value != null) {
      try {
        gen.writeFieldName(field);
        writeValue(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  /** A nested object whose fields {@code body} writes. */
  <T> FieldWriter nested(String field, T value, BiConsumer<T, FieldWriter> body) {
    if (value != null) {
      try {
        gen.writeObjectFieldStart(field);
        body.accept(value, this);
        gen.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  /** A list of nested objects. */
  <T> FieldWriter objectList(String field, List<T> values, BiConsumer<T, FieldWriter> body) {
    if (values != null) {
      try {
        gen.writeArrayFieldStart(field);
        for (T v : values) {
          gen.writeStartObject();
          body.accept(v, this);
          gen.writeEndObject();
        }
        gen.writeEndArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  /** The unknown fields a message carried, after its typed ones. */
  FieldWriter extra(Map<String, Object> extra) {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      try {
        gen.writeFieldName(e.getKey());
        writeValue(e.getValue());
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    return this;
  }

  private void writeValue(Object v) throws IOException {
    if (v == null) {
      gen.writeNull();
    } else if (v instanceof String) {
      gen.writeString((String) v);
    } else if (v instanceof Boolean) {
      gen.writeBoolean((Boolean) v);
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      gen.writeNumber(((Number) v).intValue());
    } else if (v instanceof Long) {
      gen.writeNumber((Long) v);
    } else if (v instanceof BigInteger) {
      gen.writeNumber((BigInteger) v);
    } else if (v instanceof BigDecimal) {
      gen.writeNumber((BigDecimal) v);
    } else if (v instanceof Number) {
      gen.writeNumber(((Number) v).doubleValue());
    } else if (v instanceof WireValue) {
      gen.writeString(((WireValue) v).wire());
    } else if (v instanceof Instant) {
      gen.writeString(v.toString());
    } else if (v instanceof Map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        gen.writeFieldName(String.valueOf(e.getKey()));
        writeValue(e.getValue());
      }
      gen.writeEndObject();
    } else if (v instanceof List) {
      gen.writeStartArray();
      for (Object item : (List<?>) v) {
        writeValue(item);
      }
      gen.writeEndArray();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }
}
