package dev.analyzer.ai.review;

import dev.analyzer.ai.code.Words;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Words a requirement uses and the words code uses for the same thing ({@code create}: add, new,
 * post, insert, submit...), stemmed. Fixed table; stateless.
 */
final class Synonyms {

  private static final Map<String, Set<String>> TABLE = new HashMap<>();

  static {
    group("create", "add", "new", "post", "insert", "submit");
    group("delete", "remove", "destroy", "trash");
    group("update", "edit", "put", "patch", "modify", "save");
    group("read", "get", "fetch", "view", "load");
    group("toggle", "checkbox", "switch", "complete", "done", "checked");
    group("filter", "filtered", "visible");
    group("login", "signin", "authenticate", "auth", "token", "session", "jwt");
    group("logout", "signout");
    group("register", "signup");
    group("search", "find", "like", "ilike", "keyword");
    group("reject", "abort", "400", "invalid");
    group("empty", "blank", "strip", "trim");
    group("sort", "order", "orderby", "sorted");
    group("pagination", "paginate", "page", "limit", "offset");
    group("validation", "validate", "invalid", "required", "400");
    group("error", "except", "catch", "exception");
    group("count", "total", "len", "length");
    group("admin", "administrator", "superuser");
    group("password", "hash", "bcrypt");
    group("timestamp", "created", "datetime", "date", "time");
    group("health", "healthy", "status");
    group("user", "account", "profile");
    group("description", "desc", "details");
    group("priority", "importance");
    group("responsive", "media", "flex", "grid", "mobile");
  }

  private Synonyms() {}

  private static void group(String... words) {
    Set<String> stems = new LinkedHashSet<>();
    for (String w : words) {
      stems.add(Words.stem(w));
    }
    for (String s : stems) {
      TABLE.computeIfAbsent(s, k -> new LinkedHashSet<>()).addAll(stems);
    }
  }

  /** {@code stem} and the stems that mean the same in code. */
  static Set<String> of(String stem) {
    Set<String> out = TABLE.get(stem);
    return out == null ? Set.of(stem) : out;
  }

  /** True when any word meaning {@code stem} is in {@code text}'s stems. */
  static boolean covered(String stem, Set<String> textStems) {
    for (String s : of(stem)) {
      if (textStems.contains(s)) {
        return true;
      }
    }
    return false;
  }

  static List<String> expand(String stem) {
    return List.copyOf(of(stem));
  }
}
