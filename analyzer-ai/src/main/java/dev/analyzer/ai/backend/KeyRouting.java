package dev.analyzer.ai.backend;

import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.service.secrets.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which preset, base URL and key an HTTP backend uses, so that a key only goes where it belongs:
 * {@code OPENROUTER_API_KEY} only under the OpenRouter preset to OpenRouter's own host
 * ({@code openrouter.ai}); {@code AI_API_KEY} only to {@code AI_BASE_URL} (or the preset's URL when
 * that is unset); never one in place of the other; no key over plain http to a host that is not
 * loopback. {@code AI_PROVIDER=auto} is openrouter only when {@code OPENROUTER_API_KEY} is set and
 * {@code AI_BASE_URL} is unset or on openrouter.ai. Stateless; thread-safe.
 */
public final class KeyRouting {

  /** OpenRouter's own host, the only one {@code OPENROUTER_API_KEY} is sent to. */
  public static final String OPENROUTER_HOST = "openrouter.ai";

  /**
   * The outcome.
   *
   * @param preset the preset
   * @param baseUrl where requests go
   * @param key the bearer key, or null
   * @param unusedKeys variables that are set but not sent (for the note), or empty
   */
  public record Route(Preset preset, URI baseUrl, Secret key, String unusedKeys) {}

  private KeyRouting() {}

  /**
   * Routes for {@code provider} ({@code AI_PROVIDER}) and {@code baseUrl} ({@code AI_BASE_URL}, or null).
   *
   * @throws SettingsException when a key would go over plain http to a host that is not loopback
   */
  public static Route route(String provider, URI baseUrl, Optional<Secret> openrouter, Optional<Secret> apiKey) {
    boolean customOnOpenRouter = baseUrl != null && isOpenRouterHost(baseUrl);
    Preset preset = provider.equals("auto")
        ? (openrouter.isPresent() && (baseUrl == null || customOnOpenRouter) ? Preset.OPENROUTER : Preset.OPENAI)
        : Preset.fromWire(provider);
    URI base = baseUrl != null ? baseUrl : preset.defaultBaseUrl();
    Secret key;
    String keyVar;
    if (preset == Preset.OPENROUTER && isOpenRouterHost(base) && openrouter.isPresent()) {
      key = openrouter.get();
      keyVar = "OPENROUTER_API_KEY";
    } else {
      key = apiKey.orElse(null);
      keyVar = "AI_API_KEY";
    }
    StringBuilder unused = new StringBuilder();
    if (openrouter.isPresent() && key != openrouter.get()) {
      unused.append("OPENROUTER_API_KEY (sent only to ").append(OPENROUTER_HOST).append(" under the openrouter preset)");
    }
    if (apiKey.isPresent() && key != apiKey.get()) {
      unused.append(unused.isEmpty() ? "" : ", ").append("AI_API_KEY");
    }
    if (key != null && "http".equalsIgnoreCase(base.getScheme()) && !isLoopback(base.getHost())) {
      throw new SettingsException(keyVar, keyVar + " would be sent over plain http to " + base.getHost()
          + " (AI_BASE_URL " + base + "); use https, or a loopback host for a local server");
    }
    return new Route(preset, base, key, unused.toString());
  }

  static boolean isOpenRouterHost(URI uri) {
    String h = uri.getHost();
    return h != null && "https".equalsIgnoreCase(uri.getScheme())
        && h.toLowerCase(Locale.ROOT).equals(OPENROUTER_HOST);
  }

  /** True for {@code localhost} and loopback literals (127/8, ::1); no name is resolved. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|[0-9a-f:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
