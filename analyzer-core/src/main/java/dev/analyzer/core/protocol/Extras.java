package dev.analyzer.core.protocol;

import dev.analyzer.core.json.FrozenJson;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Checks shared by the message records. Stateless. */
final class Extras {

  private Extras() {}

  /**
   * Freezes {@code extra} and rejects keys that a typed field of {@code type} owns, so an encoded
   * frame never carries a key twice.
   */
  static Map<String, Object> checked(Map<String, ?> extra, Set<String> typedFields, MessageType type) {
    if (extra == null || extra.isEmpty()) {
      return Map.of();
    }
    for (String key : extra.keySet()) {
      if (typedFields.contains(key)) {
        throw new IllegalArgumentException(
            type.wire() + ": extra field '" + key + "' collides with a typed field of the message");
      }
    }
    return FrozenJson.copyOf(extra);
  }

  /** A fresh request id, for requests that arrive without one. */
  static String newId() {
    return UUID.randomUUID().toString();
  }

  static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}
