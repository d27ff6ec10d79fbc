package dev.analyzer.service.secrets;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where provider keys and tokens come from: the variable {@code NAME} itself, or the contents of the
 * file named by {@code NAME_FILE} (trimmed; the Docker and Kubernetes secrets convention), such as
 * {@code OPENROUTER_API_KEY_FILE=/run/secrets/openrouter}. Setting both is an error, so a stale value
 * never silently wins. Errors name the variable and, for a file, its path and why it could not be
 * read, never the value. A secret read here is never in a child's environment unless a spec asks
 * for it by name ({@code ProcessSpec.withSecretEnv}). Immutable and thread-safe.
 */
public final class Secrets {

  /** The suffix of the variable that names a secret's file. */
  public static final String FILE_SUFFIX = "_FILE";
  /** Largest secret file read; a bigger one is refused (it is not a key). */
  public static final int MAX_FILE_BYTES = 64 * 1024;

  private final Environment env;

  private Secrets(Environment env) {
    this.env = env;
  }

  /** Secrets from {@code env} (and the files its {@code *_FILE} variables name). */
  public static Secrets from(Environment env) {
    if (env == null) {
      throw new IllegalArgumentException("environment must not be null");
    }
    return new Secrets(env);
  }

  /** Secrets from the service's own environment. */
  public static Secrets fromSystem() {
    return from(Environment.system());
  }

  /**
   * The secret {@code name}, from {@code name} or the file {@code name_FILE} names; empty when
   * neither is set (blank counts as unset).
   *
   * @throws SettingsException when both are set, or the file cannot be read, is too big, is not
   *     UTF-8 or holds only white space
   */
  public Optional<Secret> optional(String name) {
    String fileVar = name + FILE_SUFFIX;
    String direct = blankToNull(env.get(name));
    String file = blankToNull(env.get(fileVar));
    if (direct != null && file != null) {
      throw new SettingsException(name, "set either " + name + " or " + fileVar + ", not both");
    }
    if (direct != null) {
      return Optional.of(Secret.of(name, direct.strip()));
    }
    if (file == null) {
      return Optional.empty();
    }
    return Optional.of(Secret.of(name, readFile(fileVar, file.strip())));
  }

  /**
   * The secret {@code name}.
   *
   * @throws SettingsException when it is not set (the message names both variables) or as {@link #optional}
   */
  public Secret required(String name) {
    return optional(name).orElseThrow(() -> new SettingsException(name,
        name + " or " + name + FILE_SUFFIX + " must be set"));
  }

  private static String readFile(String fileVar, String location) {
    Path path;
    try {
      path = Path.of(location);
    } catch (InvalidPathException e) {
      throw new SettingsException(fileVar, fileVar + " must name a readable file, got an invalid path");
    }
    try {
      long size = Files.size(path);
      if (size > MAX_FILE_BYTES) {
        throw new SettingsException(fileVar, fileVar + " names a file of " + size + " bytes (" + path
            + "); a secret file must be at most " + MAX_FILE_BYTES + " bytes");
      }
      String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
          .toString().strip();
      if (text.isEmpty()) {
        throw new SettingsException(fileVar, fileVar + " names an empty file: " + path);
      }
      return text;
    } catch (CharacterCodingException e) {
      throw new SettingsException(fileVar, fileVar + " names a file that is not UTF-8 text: " + path);
    } catch (IOException | SecurityException e) {
      throw new SettingsException(fileVar, fileVar + " names a file that cannot be read: " + path + " ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
