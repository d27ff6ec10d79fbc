package dev.analyzer.ai.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers on disk ({@code AI_CACHE_DIR}) keyed by SHA-256 of (provider, model, messages, schema,
 * max_tokens): a re-run of the same prompt is answered without a call. Only complete answers
 * ({@code finish_reason} not length) are stored; files are written to a temporary name and moved,
 * so a crash never leaves half a file. Keys never enter the cache key or the files. Thread-safe.
 */
public final class ResponseCache {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;

  public ResponseCache(Path dir) {
    this.dir = dir;
  }

  /**
   * The cache key of {@code request} to {@code backend}: provider, model, endpoint (base URL),
   * response_format mode, messages, schema and max_tokens.
   */
  public static String key(ChatBackend backend, ChatRequest request) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      Map<String, Object> k = new LinkedHashMap<>();
      k.put("provider", backend.provider());
      k.put("model", backend.model());
      k.put("endpoint", backend.location());
      k.put("response_format", backend.responseFormat());
      k.put("messages", request.messages().stream().map(m -> m.role() + "\u0000" + m.content()).toList());
      k.put("schema", request.schema());
      k.put("max_tokens", request.maxTokens());
      return HexFormat.of().formatHex(md.digest(JSON.writeValueAsBytes(k)));
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException("cache key", e);
    }
  }

  /** The stored answer for {@code key}, marked cached, if any and readable. */
  public Optional<ChatAnswer> get(String key) {
    Path f = dir.resolve(key + ".json");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(Files.readString(f));
      return Optional.of(new ChatAnswer(n.path("content").asText(), n.path("prompt_tokens").asLong(),
          n.path("completion_tokens").asLong(), null, n.path("finish_reason").asText(null), n.path("model").asText(null),
          true, 0));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores {@code answer} under {@code key} (complete answers only). */
  public void put(String key, ChatAnswer answer) {
    if (answer.truncated()) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("content", answer.content());
    m.put("prompt_tokens", answer.promptTokens());
    m.put("completion_tokens", answer.completionTokens());
    m.put("finish_reason", answer.finishReason());
    m.put("model", answer.model());
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, key, ".tmp");
      Files.write(tmp, JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, dir.resolve(key + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // A cache that cannot be written costs a call next time, nothing more.
    }
  }
}
