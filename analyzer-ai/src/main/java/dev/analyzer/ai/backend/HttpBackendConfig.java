package dev.analyzer.ai.backend;

import dev.analyzer.service.secrets.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings of one HTTP backend. Immutable; validated.
 *
 * @param preset the provider preset
 * @param baseUrl the base URL ({@code .../v1}, or Ollama's root for the native API)
 * @param model the model to ask
 * @param key the bearer key, or null (local servers)
 * @param callTimeout one call, request to last byte
 * @param connectTimeout TCP connect
 * @param maxRetries retries after retryable failures
 * @param backoff delays between attempts
 * @param sleeper waits the delays (injected in tests)
 * @param clock for deadlines and HTTP-date Retry-After
 */
public record HttpBackendConfig(Preset preset, URI baseUrl, String model, Secret key, Duration callTimeout,
    Duration connectTimeout, int maxRetries, Backoff backoff, Sleeper sleeper, Clock clock) {

  public HttpBackendConfig {
    if (preset == null || baseUrl == null || model == null || model.isBlank()) {
      throw new IllegalArgumentException("an HTTP backend needs a preset, a base URL (AI_BASE_URL) and a model "
          + "(AI_MODEL)");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("AI_MAX_RETRIES must be >= 0, got " + maxRetries);
    }
  }

  /** Test-friendly defaults for {@code preset} at {@code baseUrl}: no key, 30 s per call, 3 retries, 1 s backoff. */
  public static HttpBackendConfig of(Preset preset, URI baseUrl, String model) {
    return new HttpBackendConfig(preset, baseUrl, model, null, Duration.ofSeconds(30), Duration.ofSeconds(5), 3,
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Math::random), Sleeper.system(), Clock.systemUTC());
  }

  public HttpBackendConfig withKey(Secret k) {
    return new HttpBackendConfig(preset, baseUrl, model, k, callTimeout, connectTimeout, maxRetries, backoff, sleeper,
        clock);
  }

  public HttpBackendConfig withCallTimeout(Duration d) {
    return new HttpBackendConfig(preset, baseUrl, model, key, d, connectTimeout, maxRetries, backoff, sleeper, clock);
  }

  public HttpBackendConfig withRetries(int n, Backoff b, Sleeper s) {
    return new HttpBackendConfig(preset, baseUrl, model, key, callTimeout, connectTimeout, n, b, s, clock);
  }

  public HttpBackendConfig withClock(Clock c) {
    return new HttpBackendConfig(preset, baseUrl, model, key, callTimeout, connectTimeout, maxRetries, backoff, sleeper,
        c);
  }
}
