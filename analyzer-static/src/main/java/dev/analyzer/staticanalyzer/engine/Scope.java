package dev.analyzer.staticanalyzer.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Variables of one function (or the module) while it is walked: the taint of each name (and of
 * {@code obj.attr} keys), names bound to constants, and names that hold a request object or a
 * message event. Lookups fall back to the enclosing scope. Not thread-safe: one walk owns it.
 */
final class Scope {

  private final Scope parent;
  private final Map<String, Taint> taint = new HashMap<>();
  private final Set<String> constants = new HashSet<>();
  private final Set<String> cleared = new HashSet<>();
  private final Set<String> requestObjects = new HashSet<>();
  private final Set<String> messageEvents = new HashSet<>();

  Scope(Scope parent) {
    this.parent = parent;
  }

  Taint get(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.taint.containsKey(name)) {
        return s.taint.get(name);
      }
      if (s.cleared.contains(name) || s.constants.contains(name)) {
        return null;
      }
    }
    return null;
  }

  /** Binds {@code name} to {@code t} (null: clean), forgetting any constant binding. */
  void set(String name, Taint t) {
    constants.remove(name);
    if (t == null) {
      taint.remove(name);
      cleared.add(name);
    } else {
      cleared.remove(name);
      taint.put(name, t);
    }
  }

  /** Adds {@code t} to what {@code name} already carries (containers, +=). */
  void add(String name, Taint t) {
    if (t != null) {
      set(name, Taint.merge(get(name), t));
    }
  }

  void setConstant(String name) {
    taint.remove(name);
    cleared.remove(name);
    constants.add(name);
  }

  boolean isConstant(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.constants.contains(name)) {
        return true;
      }
      if (s.taint.containsKey(name) || s.cleared.contains(name)) {
        return false;
      }
    }
    return false;
  }

  void markRequest(String name) {
    requestObjects.add(name);
  }

  boolean isRequest(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.requestObjects.contains(name)) {
        return true;
      }
    }
    return false;
  }

  void markMessageEvent(String name) {
    messageEvents.add(name);
  }

  boolean isMessageEvent(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.messageEvents.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
