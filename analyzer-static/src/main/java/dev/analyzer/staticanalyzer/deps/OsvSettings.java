package dev.analyzer.staticanalyzer.deps;

import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.SettingsException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Whether the dependencies analyzer asks OSV online: {@code ANALYZER_OSV_URL} (default
 * {@value #DEFAULT_URL}; an http(s) URL) unless {@code ANALYZER_OFFLINE} is {@code 1}/{@code true}.
 * Both are in {@code StaticSettings.OPTIONS}, the table the root README's settings table is checked
 * against. Stateless.
 */
public final class OsvSettings {

  public static final String OSV_URL = "ANALYZER_OSV_URL";
  public static final String OFFLINE = "ANALYZER_OFFLINE";
  public static final String DEFAULT_URL = "https://api.osv.dev";
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** {@code ANALYZER_OSV_URL}: the OSV API, an http(s) URL with a host. */
  public static final Option<URI> OSV_URL_OPTION = Option.custom(OSV_URL, URI.create(DEFAULT_URL), DEFAULT_URL,
      "an http(s) URL", "the OSV API the dependencies analyzer asks (`/v1/querybatch`, `/v1/vulns/{id}`), answers"
          + " cached 24 h; unreachable: the shipped snapshot plus `ANALYZER_OSV_DIR`, and"
          + " `summary.advisory_source` says which was used", OsvSettings::url, OsvSettings::isHttpUrl);

  /**
   * {@code ANALYZER_OFFLINE}: {@code 1}/{@code true} never asks OSV and keeps {@code npm-audit} from
   * running; {@code 0}/{@code false} or unset asks.
   */
  public static final Option<Boolean> OFFLINE_OPTION = Option.custom(OFFLINE, false, "unset", "`1` or `true`",
      "never ask OSV (the snapshot plus `ANALYZER_OSV_DIR` only) and never run `npm-audit` (it needs the"
          + " npm registry)", OsvSettings::offline, v -> v != null);

  private OsvSettings() {}

  /**
   * The online client {@code env} asks for, or null when offline.
   *
   * @throws SettingsException when {@code ANALYZER_OSV_URL} is not an http(s) URL or
   *     {@code ANALYZER_OFFLINE} is not one of 1, true, 0, false
   */
  public static OsvClient client(Environment env, Clock clock) {
    boolean offline = OFFLINE_OPTION.read(env);
    URI uri = OSV_URL_OPTION.read(env);
    return offline ? null : new OsvClient(uri, TIMEOUT, clock);
  }

  private static URI url(EnvReader r, String name) {
    String url = r.raw(name);
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new SettingsException(name, name + " must be an http(s) URL, got '" + url + "'");
    }
    if (!isHttpUrl(uri)) {
      throw new SettingsException(name, name + " must be an http(s) URL, got '" + url + "'");
    }
    return uri;
  }

  private static boolean isHttpUrl(URI uri) {
    return uri != null && uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null;
  }

  private static boolean offline(EnvReader r, String name) {
    String v = r.raw(name).toLowerCase(Locale.ROOT);
    switch (v) {
      case "1":
      case "true":
        return true;
      case "0":
      case "false":
        return false;
      default:
        throw new SettingsException(name, name + " must be 1 or true (0 or false: ask OSV), got '" + r.raw(name)
            + "'");
    }
  }
}
