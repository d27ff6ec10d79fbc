package dev.analyzer.staticanalyzer.deps;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Whether the dependencies analyzer asks OSV online: {@code ANALYZER_OSV_URL} (default
 * {@value #DEFAULT_URL}; an http(s) URL) unless {@code ANALYZER_OFFLINE} is {@code 1}/{@code true}.
 * These two are not yet in {@code StaticSettings.OPTIONS} (the root README lists that table). Stateless.
 */
public final class OsvSettings {

  public static final String OSV_URL = "ANALYZER_OSV_URL";
  public static final String OFFLINE = "ANALYZER_OFFLINE";
  public static final String DEFAULT_URL = "https://api.osv.dev";
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private OsvSettings() {}

  /**
   * The online client {@code env} asks for, or null when offline.
   *
   * @throws SettingsException when {@code ANALYZER_OSV_URL} is not an http(s) URL
   */
  public static OsvClient client(Environment env, Clock clock) {
    String offline = env.get(OFFLINE);
    if (offline != null && (offline.strip().equals("1") || offline.strip().toLowerCase(Locale.ROOT).equals("true"))) {
      return null;
    }
    String url = env.get(OSV_URL);
    url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new SettingsException(OSV_URL, OSV_URL + " must be an http(s) URL, got '" + url + "'");
    }
    if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
      throw new SettingsException(OSV_URL, OSV_URL + " must be an http(s) URL, got '" + url + "'");
    }
    return new OsvClient(uri, TIMEOUT, clock);
  }
}
