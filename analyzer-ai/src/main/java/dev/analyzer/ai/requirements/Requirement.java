package dev.analyzer.ai.requirements;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One requirement to check: an id, its text, and the original's category ({@code backend},
 * {@code frontend}, {@code admin}, or any other word a requirement list uses). The weight follows
 * the original: hard features 1.5, medium 1.0, else 0.7. Immutable.
 *
 * @param id stable id within its list (such as {@code backend-3})
 * @param text the requirement as written
 * @param category lower-case category
 */
public record Requirement(String id, String text, String category) {

  private static final Pattern HARD = Pattern.compile("\\b(tabs?|drag|drop|real-?time|websocket|modal|pagination|"
      + "paginate|chart|graph|upload|notification|animation|infinite scroll|dark mode|undo)\\b");
  private static final Pattern MEDIUM = Pattern.compile("\\b(validat\\w*|search\\w*|filter\\w*|sort\\w*|auth\\w*|"
      + "login|logout|register|permission|role|admin|export|import|token)\\b");
  private static final Pattern ROUTE = Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE)\\s+(/[\\w\\-./:<>{}]*)");

  /** Longest requirement text accepted (it goes into every prompt about it). */
  public static final int MAX_TEXT = 4000;

  public Requirement {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("requirement " + id + " has no text");
    }
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("requirement " + id + " is " + text.length() + " characters; at most "
          + MAX_TEXT + " are accepted");
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("requirement '" + text + "' has no id");
    }
    text = text.strip();
    category = category == null || category.isBlank() ? "functional" : category.strip().toLowerCase(Locale.ROOT);
  }

  /** The original's weight: 1.5 for hard features, 1.0 for medium ones, else 0.7. */
  public double weight() {
    String t = text.toLowerCase(Locale.ROOT);
    if (HARD.matcher(t).find()) {
      return 1.5;
    }
    return MEDIUM.matcher(t).find() ? 1.0 : 0.7;
  }

  /** The {@code METHOD /path} the text names, if any (such as {@code PUT /api/todos/:id}). */
  public RouteRef route() {
    Matcher m = ROUTE.matcher(text);
    return m.find() ? new RouteRef(m.group(1), m.group(2).replaceAll("[.,;:]+$", "")) : null;
  }

  /** A method and path named by a requirement. */
  public record RouteRef(String method, String path) {

    /** The path with parameters ({@code :id}, {@code <int:id>}, {@code {id}}) as {@code {}}. */
    public String normalizedPath() {
      return normalize(path);
    }

    /** {@code p} with every path parameter as {@code {}} and no trailing slash. */
    public static String normalize(String p) {
      String n = p.replaceAll("\\$\\{[^}]*}", "{}").replaceAll("<(?:\\w+:)?\\w+>", "{}")
          .replaceAll("\\{[^}/]*}", "{}").replaceAll(":[A-Za-z_]\\w*", "{}");
      return n.length() > 1 && n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }
  }
}
