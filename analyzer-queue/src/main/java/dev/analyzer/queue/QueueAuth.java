package dev.analyzer.queue;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import dev.analyzer.core.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a process proves itself to NATS and protects the link: a credentials file or a token, and
 * the key and trust stores of TLS. Every field is handed to the jnats {@code Options} unchanged
 * ({@code credentialPath}, {@code token}, {@code truststorePath}/{@code keystorePath} and their
 * passwords); a {@code tls://} URL or a trust store turns TLS on. Anything else jnats offers
 * (an {@code SSLContext}, an {@code AuthHandler}, nkeys) goes through
 * {@link QueueSettingsBuilder#withOptions}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows a secret.
 *
 * @param credentialsFile a NATS {@code .creds} file (JWT and nkey seed), or {@code null}
 * @param token a server token, or {@code null}; exclusive with {@code credentialsFile}
 * @param trustStore a JKS/PKCS12 trust store with the server's CA, or {@code null}
 * @param trustStorePassword its password, or {@code null}
 * @param keyStore a JKS/PKCS12 key store with the client certificate (mutual TLS), or {@code null}
 * @param keyStorePassword its password, or {@code null}
 */
public record QueueAuth(Path credentialsFile, String token, Path trustStore, String trustStorePassword,
    Path keyStore, String keyStorePassword) {

  public static final String CREDS = "ANALYZER_QUEUE_CREDS";
  public static final String TOKEN = "ANALYZER_QUEUE_TOKEN";
  public static final String TRUSTSTORE = "ANALYZER_QUEUE_TLS_TRUSTSTORE";
  public static final String TRUSTSTORE_PASSWORD = "ANALYZER_QUEUE_TLS_TRUSTSTORE_PASSWORD";
  public static final String KEYSTORE = "ANALYZER_QUEUE_TLS_KEYSTORE";
  public static final String KEYSTORE_PASSWORD = "ANALYZER_QUEUE_TLS_KEYSTORE_PASSWORD";

  static final Option<Path> CREDS_OPTION = file(CREDS, "NATS credentials file (JWT + nkey seed)");
  static final Option<String> TOKEN_OPTION = secret(TOKEN, "NATS server token (exclusive with the creds file)");
  static final Option<Path> TRUSTSTORE_OPTION = file(TRUSTSTORE, "TLS trust store with the server's CA; turns TLS on");
  static final Option<String> TRUSTSTORE_PASSWORD_OPTION = secret(TRUSTSTORE_PASSWORD, "password of the trust store");
  static final Option<Path> KEYSTORE_OPTION = file(KEYSTORE, "TLS key store with the client certificate (mutual TLS)");
  static final Option<String> KEYSTORE_PASSWORD_OPTION = secret(KEYSTORE_PASSWORD, "password of the key store");

  /** Every option of this record, in README order. */
  public static final OptionTable OPTIONS = OptionTable.of("queue auth and TLS", CREDS_OPTION, TOKEN_OPTION,
      TRUSTSTORE_OPTION, TRUSTSTORE_PASSWORD_OPTION, KEYSTORE_OPTION, KEYSTORE_PASSWORD_OPTION);

  public QueueAuth {
    readable(CREDS, credentialsFile);
    readable(TRUSTSTORE, trustStore);
    readable(KEYSTORE, keyStore);
    if (credentialsFile != null && token != null) {
      throw new SettingsException(TOKEN, "set one of " + CREDS + " or " + TOKEN + ", not both");
    }
    if (token != null && token.isBlank()) {
      throw new SettingsException(TOKEN, TOKEN + " must not be blank");
    }
    if (keyStore != null && trustStore == null) {
      throw new SettingsException(KEYSTORE, KEYSTORE + " (a client certificate) needs " + TRUSTSTORE
          + " too: jnats builds the TLS context from both");
    }
  }

  /** No credentials, no TLS. */
  public static QueueAuth none() {
    return new QueueAuth(null, null, null, null, null, null);
  }

  /**
   * The auth variables {@code env} sets.
   *
   * @throws SettingsException naming the first bad variable
   */
  public static QueueAuth fromEnvironment(Environment env) {
    return new QueueAuth(CREDS_OPTION.read(env), TOKEN_OPTION.read(env), TRUSTSTORE_OPTION.read(env),
        TRUSTSTORE_PASSWORD_OPTION.read(env), KEYSTORE_OPTION.read(env), KEYSTORE_PASSWORD_OPTION.read(env));
  }

  /** True when a trust store is configured (the URL scheme {@code tls://} also asks for TLS). */
  public boolean tls() {
    return trustStore != null;
  }

  @Override
  public String toString() {
    return "QueueAuth[credentialsFile=" + credentialsFile + ", token=" + (token == null ? "none" : "***")
        + ", trustStore=" + trustStore + ", keyStore=" + keyStore + "]";
  }

  private static void readable(String variable, Path file) {
    if (file != null && !Files.isReadable(file)) {
      throw new SettingsException(variable, variable + " must name a readable file, got " + file
          + (Files.exists(file) ? " (not readable)" : " (no such file)"));
    }
  }

  private static Option<Path> file(String name, String description) {
    return Option.custom(name, null, "unset", "a readable file", description,
        (r, n) -> Path.of(r.raw(n)), Objects::nonNull);
  }

  private static Option<String> secret(String name, String description) {
    return Option.custom(name, null, "unset", "text", description, (r, n) -> r.raw(n), Objects::nonNull);
  }
}
