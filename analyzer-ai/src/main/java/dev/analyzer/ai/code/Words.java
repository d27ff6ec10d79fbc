package dev.analyzer.ai.code;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns code and requirement text into comparable words: identifiers split at camelCase and
 * snake_case, lower-cased, stop words dropped, a light stemmer (plural, -ing, -ed). Stateless.
 */
public final class Words {

  private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with",
      "by", "is", "are", "be", "as", "at", "it", "its", "this", "that", "from", "each", "per", "all", "any", "can",
      "should", "must", "shall", "will", "user", "users", "app", "application", "api", "page", "display", "displays",
      "show", "shows", "allow", "allows", "support", "supports", "provide", "provides", "has", "have", "via", "using",
      "use", "when", "if", "not", "only", "same", "plus", "into", "their", "they", "them", "there", "which", "who",
      "see", "also", "etc", "does", "do", "showing", "shown", "displayed", "listed", "e", "g", "i", "id", "s", "new", "simple", "basic", "list");

  private Words() {}

  /** The content words of {@code text}, stemmed, in first-seen order. */
  public static List<String> terms(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : split(text)) {
      if (w.length() > 1 && !STOP.contains(w) && !w.chars().allMatch(Character::isDigit)) {
        out.add(stem(w));
      }
    }
    return new ArrayList<>(out);
  }

  /** All words of {@code text} (identifiers split), lower-case, unstemmed. */
  public static List<String> split(String text) {
    String spaced = text.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
    List<String> out = new ArrayList<>();
    for (String w : spaced.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** A light stemmer: {@code todos}->{@code todo}, {@code filtering}->{@code filter}, {@code deleted}->{@code delet}. */
  public static String stem(String w) {
    if (w.length() > 5 && w.endsWith("ing")) {
      w = w.substring(0, w.length() - 3);
    } else if (w.length() > 4 && w.endsWith("ed")) {
      w = w.substring(0, w.length() - 2);
    } else if (w.length() > 4 && w.endsWith("ies")) {
      w = w.substring(0, w.length() - 3) + "y";
    } else if (w.length() > 3 && w.endsWith("es") && (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches"))) {
      w = w.substring(0, w.length() - 2);
    } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      w = w.substring(0, w.length() - 1);
    }
    if (w.length() > 4 && w.endsWith("e")) {
      w = w.substring(0, w.length() - 1);
    }
    return w;
  }

  /**
   * Library calls whose names are requirement words but mean nothing about features: JavaScript's
   * {@code .filter(}/{@code .map(}/{@code .sort(}, SQLAlchemy's {@code .query.all()} chains.
   */
  private static final java.util.regex.Pattern LIBRARY_CALLS = java.util.regex.Pattern.compile(
      "\\.(filter|map|sort|find|findIndex|includes|reduce|forEach|some|every)\\(|\\.query\\.(all|filter|filter_by|get|get_or_404|first|order_by|count|join)\\b");

  /** The stemmed words of a code line, library calls ({@link #LIBRARY_CALLS}) left out. */
  public static Set<String> codeStems(String line) {
    return stems(LIBRARY_CALLS.matcher(line).replaceAll(" "));
  }

  /** The stemmed words of {@code text}, as a set, for coverage checks. */
  public static Set<String> stems(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : split(text)) {
      out.add(stem(w));
    }
    return out;
  }

  /** Identifier words as a phrase: {@code update_todo} becomes {@code update todo}. */
  public static String phrase(String identifier) {
    return String.join(" ", split(identifier));
  }
}
