package dev.analyzer.ai;

import dev.analyzer.ai.code.AppSource;
import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import dev.analyzer.core.settings.SettingsException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The AI service's settings (secrets excepted: {@code AI_API_KEY} and {@code OPENROUTER_API_KEY}
 * are read through {@link dev.analyzer.service.secrets.Secrets} by {@link dev.analyzer.ai.backend.BackendFactory},
 * and listed here only so the README table stays true). Immutable; validated in the constructor.
 *
 * @param appsDir {@code ANALYZER_APPS_DIR}: where {@code {model_slug}/app{N}} apps live
 * @param templatesDir {@code ANALYZER_TEMPLATES_DIR}: the original's requirement templates, or null
 * @param method {@code AI_METHOD}: auto, llm, local-llm or embedding-ir
 * @param provider {@code AI_PROVIDER}: auto, openai, openrouter, ollama, ollama-native, llamacpp, vllm
 * @param baseUrl {@code AI_BASE_URL}: the OpenAI-compatible endpoint, or null for the provider's
 * @param model {@code AI_MODEL}: the model name sent to the provider, or null for the provider's
 * @param modelPath {@code AI_MODEL_PATH}: a GGUF file for the in-process engine, or null
 * @param cacheDir {@code AI_CACHE_DIR}: answers cached by (model, prompt), or null (off)
 * @param callTimeout {@code AI_TIMEOUT_CALL}: one model call, first byte to last
 * @param analysisTimeout {@code AI_TIMEOUT_ANALYSIS}: all model calls of one analysis
 * @param maxRetries {@code AI_MAX_RETRIES}: retries of a 429/5xx/network failure
 * @param baseRetryDelay {@code AI_BASE_RETRY_DELAY}: first backoff
 * @param maxRetryDelay {@code AI_MAX_RETRY_DELAY}: backoff and Retry-After cap
 * @param maxResponseTokens {@code AI_MAX_RESPONSE_TOKENS}: max_tokens of one call
 * @param tokenBudget {@code AI_TOKEN_BUDGET}: prompt plus completion tokens per analysis
 * @param contextTokens {@code AI_CONTEXT_TOKENS}: retrieved code per call
 * @param concurrency {@code AI_CONCURRENCY}: requirements asked about at once
 * @param localThreads {@code AI_LOCAL_THREADS}: CPU threads of the in-process engine
 * @param maxFiles {@code AI_MAX_FILES}: source files read per app
 * @param maxFileBytes {@code AI_MAX_FILE_BYTES}: larger source files are skipped
 * @param maxAppBytes {@code AI_MAX_APP_BYTES}: source bytes read per app in all
 */
public record AiSettings(Path appsDir, Path templatesDir, String method, String provider, URI baseUrl, String model,
    Path modelPath, Path cacheDir, Duration callTimeout, Duration analysisTimeout, int maxRetries,
    Duration baseRetryDelay, Duration maxRetryDelay, int maxResponseTokens, int tokenBudget, int contextTokens,
    int concurrency, int localThreads, int maxFiles, int maxFileBytes, long maxAppBytes) {

  static final Option<Path> APPS_DIR = Option.custom("ANALYZER_APPS_DIR", Path.of("generated/apps"),
      "./generated/apps", "a directory", "where `{model_slug}/app{N}` apps live (checked against "
          + "`ANALYZER_SOURCE_ROOTS`)", AiSettings::path, p -> p != null);
  static final Option<Path> TEMPLATES_DIR = Option.custom("ANALYZER_TEMPLATES_DIR", null, "none", "a directory",
      "requirement templates (`<slug>.json`, the original's format) for `config.template_slug`",
      AiSettings::path, p -> true);
  static final Option<String> METHOD = Option.oneOf("AI_METHOD", "auto", "which reviewer runs: `auto` picks llm "
      + "when a key or `AI_BASE_URL` is set, else local-llm when `AI_MODEL_PATH` is set, else embedding-ir",
      "auto", "llm", "local-llm", "embedding-ir");
  static final Option<String> PROVIDER = Option.oneOf("AI_PROVIDER", "auto", "the HTTP preset: `auto` is "
      + "openrouter when `OPENROUTER_API_KEY` is set and `AI_BASE_URL` is unset or on openrouter.ai, else openai", "auto", "openai", "openrouter", "ollama",
      "ollama-native", "llamacpp", "vllm");
  static final Option<URI> BASE_URL = Option.custom("AI_BASE_URL", null, "the preset's", "an http(s) URL",
      "OpenAI-compatible base URL (`.../v1`); presets: openai `https://api.openai.com/v1`, openrouter `https://openrouter.ai/api/v1`, ollama "
          + "`http://127.0.0.1:11434/v1`, llamacpp `http://127.0.0.1:8080/v1`, vllm `http://127.0.0.1:8000/v1`",
      AiSettings::url, u -> true);
  static final Option<String> API_KEY = Option.custom("AI_API_KEY", null, "none", "a secret (or `AI_API_KEY_FILE`)",
      "bearer key for `AI_BASE_URL` (or the "
      + "preset's URL) only, never replaced by `OPENROUTER_API_KEY`; refused over plain http to a host that is not "
      + "loopback; never logged, never in results or child processes", (r, n) -> r.raw(n),
      v -> true);
  static final Option<String> OPENROUTER_KEY = Option.custom("OPENROUTER_API_KEY", null, "none",
      "a secret (or `OPENROUTER_API_KEY_FILE`)", "selects the OpenRouter preset (with its "
      + "attribution headers); sent only under that preset to openrouter.ai (https), never to another `AI_BASE_URL`",
      (r, n) -> r.raw(n), v -> true);
  static final Option<String> MODEL = Option.custom("AI_MODEL", null, "google/gemini-2.5-flash",
      "a model name", "the model sent to the provider (`config.gemini_model` or `config.ai_model` override it)",
      (r, n) -> r.raw(n), v -> true);
  static final Option<Path> MODEL_PATH = Option.custom("AI_MODEL_PATH", null, "none", "a GGUF file",
      "in-process llama.cpp model (`de.kherud:llama`, CPU); output constrained by a grammar from the JSON schema",
      AiSettings::path, p -> true);
  static final Option<Path> CACHE_DIR = Option.custom("AI_CACHE_DIR", null, "none", "a directory",
      "answers cached on disk by (provider, model, base URL, response_format mode, prompt, schema); the result "
          + "says which were cached",
      AiSettings::path, p -> true);
  static final Option<Duration> CALL_TIMEOUT = Option.seconds("AI_TIMEOUT_CALL", Duration.ofSeconds(180),
      Duration.ofMillis(100), Duration.ofHours(1), "one model call, request to last streamed byte");
  static final Option<Duration> ANALYSIS_TIMEOUT = Option.seconds("AI_TIMEOUT_ANALYSIS", Duration.ofSeconds(900),
      Duration.ofSeconds(1), Duration.ofHours(6), "all model calls of one analysis (also bounded by the request's deadline)");
  static final Option<Integer> MAX_RETRIES = Option.integer("AI_MAX_RETRIES", 3, 0, 10,
      "retries after 429, 5xx or a network failure (never after 400/401/402/403)");
  static final Option<Duration> BASE_RETRY_DELAY = Option.seconds("AI_BASE_RETRY_DELAY", Duration.ofSeconds(2),
      Duration.ZERO, Duration.ofMinutes(5), "first backoff; doubles per retry, with jitter");
  static final Option<Duration> MAX_RETRY_DELAY = Option.seconds("AI_MAX_RETRY_DELAY", Duration.ofSeconds(30),
      Duration.ZERO, Duration.ofMinutes(30), "cap of the backoff and of a `Retry-After` (seconds or HTTP-date)");
  static final Option<Integer> MAX_RESPONSE_TOKENS = Option.integer("AI_MAX_RESPONSE_TOKENS", 2500, 16, 65536,
      "`max_tokens` of one call");
  static final Option<Integer> TOKEN_BUDGET = Option.integer("AI_TOKEN_BUDGET", 200_000, 100, 100_000_000,
      "prompt plus completion tokens per analysis; requirements past it are judged by embedding-ir (marked)");
  static final Option<Integer> CONTEXT_TOKENS = Option.integer("AI_CONTEXT_TOKENS", 6000, 200, 1_000_000,
      "code sent per call, chosen by relevance (about 4 characters a token)");
  static final Option<Integer> CONCURRENCY = Option.integer("AI_CONCURRENCY", 2, 1, 16,
      "requirements asked about at once per analysis (HTTP; the in-process engine runs one at a time)");
  static final Option<Integer> LOCAL_THREADS = Option.integer("AI_LOCAL_THREADS", 2, 1, 256,
      "CPU threads of the in-process engine");
  static final Option<Integer> MAX_FILES = Option.integer("AI_MAX_FILES", 2000, 1, 100_000,
      "source files read per app (the rest are skipped and counted)");
  static final Option<Integer> MAX_FILE_BYTES = Option.integer("AI_MAX_FILE_BYTES", 512 * 1024, 1024,
      64 * 1024 * 1024, "larger source files are skipped");
  static final Option<Long> MAX_APP_BYTES = Option.longInteger("AI_MAX_APP_BYTES", AppSource.DEFAULT_MAX_APP_BYTES,
      64 * 1024, 1024L * 1024 * 1024, "source bytes read per app in all (32 MiB); files past it are skipped and "
          + "counted (`over_app_byte_limit`); lines over 2000 characters (minified code) are cut before matching");

  /** Every option, in README order. */
  public static final OptionTable OPTIONS = OptionTable.of("ai service", APPS_DIR, TEMPLATES_DIR, METHOD, PROVIDER,
      BASE_URL, API_KEY, OPENROUTER_KEY, MODEL, MODEL_PATH, CACHE_DIR, CALL_TIMEOUT, ANALYSIS_TIMEOUT, MAX_RETRIES,
      BASE_RETRY_DELAY, MAX_RETRY_DELAY, MAX_RESPONSE_TOKENS, TOKEN_BUDGET, CONTEXT_TOKENS, CONCURRENCY, LOCAL_THREADS,
      MAX_FILES, MAX_FILE_BYTES, MAX_APP_BYTES);

  public AiSettings {
    if (appsDir == null) {
      throw new SettingsException(APPS_DIR.name(), APPS_DIR.name() + " must name a directory, got null");
    }
    METHOD.check(method);
    PROVIDER.check(provider);
    CALL_TIMEOUT.check(callTimeout);
    ANALYSIS_TIMEOUT.check(analysisTimeout);
    MAX_RETRIES.check(maxRetries);
    BASE_RETRY_DELAY.check(baseRetryDelay);
    MAX_RETRY_DELAY.check(maxRetryDelay);
    MAX_RESPONSE_TOKENS.check(maxResponseTokens);
    TOKEN_BUDGET.check(tokenBudget);
    CONTEXT_TOKENS.check(contextTokens);
    CONCURRENCY.check(concurrency);
    LOCAL_THREADS.check(localThreads);
    MAX_FILES.check(maxFiles);
    MAX_FILE_BYTES.check(maxFileBytes);
    MAX_APP_BYTES.check(maxAppBytes);
  }

  /** The defaults: no model, no cache, no templates. */
  public static AiSettings defaults() {
    return fromEnvironment(n -> null);
  }

  /**
   * The defaults overridden by {@code env}.
   *
   * @throws SettingsException naming the first variable with a bad value
   */
  public static AiSettings fromEnvironment(Environment env) {
    return new AiSettings(APPS_DIR.read(env).toAbsolutePath().normalize(), TEMPLATES_DIR.read(env),
        METHOD.read(env), PROVIDER.read(env), BASE_URL.read(env), MODEL.read(env), MODEL_PATH.read(env),
        CACHE_DIR.read(env), CALL_TIMEOUT.read(env), ANALYSIS_TIMEOUT.read(env), MAX_RETRIES.read(env),
        BASE_RETRY_DELAY.read(env), MAX_RETRY_DELAY.read(env), MAX_RESPONSE_TOKENS.read(env), TOKEN_BUDGET.read(env),
        CONTEXT_TOKENS.read(env), CONCURRENCY.read(env), LOCAL_THREADS.read(env), MAX_FILES.read(env),
        MAX_FILE_BYTES.read(env), MAX_APP_BYTES.read(env));
  }

  /** A copy with {@code method}. */
  public AiSettings withMethod(String method) {
    return new AiSettings(appsDir, templatesDir, method, provider, baseUrl, model, modelPath, cacheDir, callTimeout,
        analysisTimeout, maxRetries, baseRetryDelay, maxRetryDelay, maxResponseTokens, tokenBudget, contextTokens,
        concurrency, localThreads, maxFiles, maxFileBytes, maxAppBytes);
  }

  private static Path path(EnvReader r, String name) {
    try {
      return Path.of(r.raw(name));
    } catch (InvalidPathException e) {
      throw new SettingsException(name, name + " must be a path, got '" + r.raw(name) + "'");
    }
  }

  private static URI url(EnvReader r, String name) {
    String raw = r.raw(name);
    URI u;
    try {
      u = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
    } catch (IllegalArgumentException e) {
      u = null;
    }
    if (u == null || !"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
      throw new SettingsException(name, name + " must be an http(s) URL such as http://127.0.0.1:11434/v1, got '"
          + (raw.contains("@") ? "a value with credentials" : raw) + "'");
    }
    if (u.getUserInfo() != null) {
      throw new SettingsException(name, name + " must not carry credentials; use AI_API_KEY");
    }
    return u;
  }
}
