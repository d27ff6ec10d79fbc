package dev.analyzer.ai;

import dev.analyzer.ai.backend.Backoff;
import dev.analyzer.ai.backend.ChatBackend;
import dev.analyzer.ai.backend.HttpBackendConfig;
import dev.analyzer.ai.backend.KeyRouting;
import dev.analyzer.ai.backend.LocalLlamaBackend;
import dev.analyzer.ai.backend.OpenAiCompatibleBackend;
import dev.analyzer.ai.backend.Preset;
import dev.analyzer.ai.backend.ResponseCache;
import dev.analyzer.ai.backend.Sleeper;
import dev.analyzer.ai.review.EmbeddingReviewer;
import dev.analyzer.ai.review.LlmReviewer;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.service.secrets.Secret;
import dev.analyzer.service.secrets.Secrets;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the reviewer from the settings ({@code AI_METHOD}, default auto): llm when
 * {@code OPENROUTER_API_KEY}, {@code AI_API_KEY} or {@code AI_BASE_URL} is set (which key goes where:
 * {@link KeyRouting}), else local-llm when {@code AI_MODEL_PATH} is set, else embedding-ir.
 * Keys are read once, through {@link Secrets} ({@code NAME} or {@code NAME_FILE}). A request's
 * {@code config.ai_model} (or the original's {@code config.gemini_model}) picks another model of
 * the same provider. Thread-safe.
 */
public final class Reviewers {

  private Reviewers() {}

  /**
   * The selector for {@code settings}, reading keys from {@code env}.
   *
   * @throws SettingsException when the method asked for cannot run (naming what is missing)
   */
  public static ReviewerSelector fromEnvironment(AiSettings settings, Environment env) {
    Secrets secrets = Secrets.from(env);
    Optional<Secret> openrouter = secrets.optional("OPENROUTER_API_KEY");
    Optional<Secret> apiKey = secrets.optional("AI_API_KEY");
    boolean remote = openrouter.isPresent() || apiKey.isPresent() || settings.baseUrl() != null;
    String method = settings.method();
    if (method.equals("auto")) {
      method = remote ? "llm" : settings.modelPath() != null ? "local-llm" : "embedding-ir";
    }
    EmbeddingReviewer ir = new EmbeddingReviewer();
    ResponseCache cache = settings.cacheDir() == null ? null : new ResponseCache(settings.cacheDir());
    switch (method) {
      case "llm" -> {
        if (!remote) {
          throw new SettingsException("AI_METHOD", "AI_METHOD=llm needs OPENROUTER_API_KEY, AI_API_KEY or AI_BASE_URL");
        }
        KeyRouting.Route route = KeyRouting.route(settings.provider(), settings.baseUrl(), openrouter, apiKey);
        Preset preset = route.preset();
        Secret key = route.key();
        URI base = route.baseUrl();
        String defaultModel = settings.model() != null ? settings.model() : preset.defaultModel();
        SecureRandom random = new SecureRandom();
        Map<String, LlmReviewer> byModel = new ConcurrentHashMap<>();
        String note = "llm via the " + preset.wire() + " preset at " + base + (key == null ? " (no key)"
            : " (key from " + key.name() + ")") + (route.unusedKeys().isEmpty() ? ""
            : "; not sent: " + route.unusedKeys());
        return req -> {
          String model = requestedModel(req.config()).orElse(defaultModel);
          LlmReviewer r = byModel.computeIfAbsent(model, m -> new LlmReviewer(new OpenAiCompatibleBackend(
              new HttpBackendConfig(preset, base, m, key, settings.callTimeout(), Duration.ofSeconds(10),
                  settings.maxRetries(), new Backoff(settings.baseRetryDelay(), settings.maxRetryDelay(),
                      random::nextDouble), Sleeper.system(), Clock.systemUTC())), cache, settings.maxResponseTokens(),
              settings.contextTokens(), settings.tokenBudget(), settings.concurrency()));
          return new ReviewerSelector.Selection(r, "llm", note);
        };
      }
      case "local-llm" -> {
        if (settings.modelPath() == null) {
          throw new SettingsException("AI_METHOD", "AI_METHOD=local-llm needs AI_MODEL_PATH (a GGUF file)");
        }
        ChatBackend local = new LocalLlamaBackend(settings.modelPath(), settings.localThreads(),
            Math.max(2048, 2 * settings.contextTokens() + settings.maxResponseTokens() + 512), Clock.systemUTC(),
            settings.callTimeout());
        LlmReviewer r = new LlmReviewer(local, cache, settings.maxResponseTokens(), settings.contextTokens(),
            settings.tokenBudget());
        String note = "local-llm: " + settings.modelPath().getFileName() + " in process (llama.cpp, CPU)";
        return req -> new ReviewerSelector.Selection(r, "local-llm", note);
      }
      default -> {
        String note = settings.method().equals("embedding-ir") ? "AI_METHOD=embedding-ir"
            : "no model configured (no key, no AI_BASE_URL, no AI_MODEL_PATH)";
        return req -> new ReviewerSelector.Selection(ir, "embedding-ir", note);
      }
    }
  }

  private static Optional<String> requestedModel(Map<String, Object> config) {
    for (String k : new String[] {"ai_model", "gemini_model"}) {
      if (config.get(k) instanceof String s && !s.isBlank() && s.length() <= 200 && s.matches("[\\w.:/@\\-]+")) {
        return Optional.of(s.strip());
      }
    }
    return Optional.empty();
  }
}
