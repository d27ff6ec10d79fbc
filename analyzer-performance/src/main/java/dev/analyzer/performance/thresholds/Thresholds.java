package dev.analyzer.performance.thresholds;

import dev.analyzer.performance.generator.LoadResult;
import java.util.ArrayList;
import java.util.List;

/** A list of thresholds, parsed together (the first bad one is named with its position). Immutable. */
public record Thresholds(List<Threshold> all) {

  public static final int MAX = 50;

  public Thresholds {
    all = List.copyOf(all);
  }

  /**
   * Parses {@code config.load.thresholds}: a list of strings, or one string of expressions separated by commas.
   *
   * @throws IllegalArgumentException naming the position and text of the first bad threshold
   */
  public static Thresholds parse(Object value) {
    List<String> texts = new ArrayList<>();
    if (value == null) {
      return new Thresholds(List.of());
    } else if (value instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          texts.add(part);
        }
      }
    } else if (value instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof String)) {
          throw new IllegalArgumentException("thresholds must be strings such as 'p95 < 200ms', got " + o);
        }
        texts.add((String) o);
      }
    } else {
      throw new IllegalArgumentException("thresholds must be a list of strings such as ['p95 < 200ms'], got " + value);
    }
    if (texts.size() > MAX) {
      throw new IllegalArgumentException("at most " + MAX + " thresholds, got " + texts.size());
    }
    List<Threshold> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      try {
        out.add(Threshold.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("thresholds[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new Thresholds(out);
  }

  /** Every verdict, in order. */
  public List<ThresholdVerdict> evaluate(LoadResult r) {
    List<ThresholdVerdict> out = new ArrayList<>();
    for (Threshold t : all) {
      out.add(t.evaluate(r));
    }
    return out;
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }
}
