package dev.analyzer.dynamic.crawl;

/**
 * One input of an endpoint.
 *
 * @param name the parameter name (for {@link Where#PATH}, the segment index as text)
 * @param where where it travels
 * @param sample a value seen for it (the form's value, the link's value), or {@code ""}
 */
public record Param(String name, Where where, String sample) {

  /** Where a parameter travels. */
  public enum Where { QUERY, FORM, JSON, PATH }

  public Param {
    sample = sample == null ? "" : sample;
  }
}
