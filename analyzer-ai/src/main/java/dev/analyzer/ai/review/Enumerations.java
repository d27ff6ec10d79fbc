package dev.analyzer.ai.review;

import dev.analyzer.ai.code.CodeFact;
import dev.analyzer.ai.code.Words;
import dev.analyzer.ai.retrieval.IndexedApp;
import dev.analyzer.ai.retrieval.IndexedApp.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a requirement that must each be present for it to be met: the items it enumerates
 * ({@code model: id, title, priority}, {@code All / Active / Completed}), and the labels of the
 * buttons it names ({@code Edit and delete buttons} needs a button labelled Edit and one labelled
 * Delete). A requirement whose terms all appear but with an item missing is partial. Stateless.
 */
final class Enumerations {

  private static final Pattern AFTER_COLON = Pattern.compile(":\\s*(.+)$");
  private static final Pattern BUTTONS = Pattern.compile("(?i)^(.*?)\\bbuttons?\\b");

  private Enumerations() {}

  /** The enumerated items or button labels of {@code text} that {@code app} lacks on {@code side}. */
  static List<String> missingItems(String text, Side side, IndexedApp app) {
    List<String> missing = new ArrayList<>();
    for (String item : items(text)) {
      List<String> terms = Words.terms(item);
      if (!terms.isEmpty() && !terms.stream().allMatch(t -> Synonyms.expand(t).stream()
          .anyMatch(s -> app.contains(side, s)))) {
        missing.add(item.strip());
      }
    }
    Matcher b = BUTTONS.matcher(text);
    if (b.find()) {
      Set<String> labels = new HashSet<>();
      for (CodeFact f : app.facts()) {
        if (f.kind() == CodeFact.Kind.UI && f.summary().startsWith("button ")) {
          labels.addAll(Words.stems(f.summary().substring(7)));
        }
      }
      for (String label : Words.terms(b.group(1))) {
        if (!labels.contains(label)) {
          missing.add(label + " button");
        }
      }
    }
    return missing;
  }

  /** Items after a colon separated by commas, or three or more items separated by slashes. */
  static List<String> items(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = AFTER_COLON.matcher(text);
    if (m.find()) {
      String[] parts = m.group(1).replaceAll("\\([^)]*\\)", "").split(",|\\band\\b");
      if (parts.length >= 3) {
        for (String p : parts) {
          out.add(p);
        }
        return out;
      }
    }
    String[] slashed = text.split("\\s/\\s");
    if (slashed.length >= 3) {
      for (String p : slashed) {
        List<String> words = Words.split(p);
        out.add(words.isEmpty() ? "" : words.get(words.size() - 1));
      }
    }
    return out;
  }
}
