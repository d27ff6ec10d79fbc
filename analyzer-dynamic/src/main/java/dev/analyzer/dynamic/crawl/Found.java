package dev.analyzer.dynamic.crawl;

import java.net.URI;
import java.util.List;

/**
 * Something an extractor found in a response: an absolute URL, the method to use, the parameters it
 * showed and how it was found. The crawler keeps it only when its origin is a target of the scan.
 *
 * @param uri absolute URL (query kept, fragment dropped)
 * @param method upper-case method
 * @param params parameters beyond those in the URL's query (form fields, JSON keys, path segments)
 * @param source link, form, script, openapi, robots or sitemap
 * @param fetch true when the crawler should also fetch and parse it (pages, scripts, API documents)
 */
public record Found(URI uri, String method, List<Param> params, String source, boolean fetch) {

  public Found {
    params = List.copyOf(params);
  }
}
