package dev.analyzer.queue.internal;

import dev.analyzer.queue.QueueAuth;
import dev.analyzer.queue.QueueSettings;
import io.nats.client.Options;

/** Turns {@link QueueSettings} into jnats {@link Options}, passing auth and TLS through. Stateless. */
public final class NatsOptionsFactory {

  private NatsOptionsFactory() {}

  /** The options for {@code settings}, {@code name} being the connection name the server shows. */
  public static Options options(QueueSettings settings, String name) {
    Options.Builder b = new Options.Builder()
        .servers(settings.servers().toArray(String[]::new))
        .connectionName(name)
        .connectionTimeout(settings.timeout())
        .maxReconnects(-1)
        .errorListener(new LoggingErrorListener());
    QueueAuth auth = settings.auth();
    if (auth.credentialsFile() != null) {
      b.credentialPath(auth.credentialsFile().toString());
    }
    if (auth.token() != null) {
      b.token(auth.token().toCharArray());
    }
    if (auth.trustStore() != null) {
      b.truststorePath(auth.trustStore().toString());
      if (auth.trustStorePassword() != null) {
        b.truststorePassword(auth.trustStorePassword().toCharArray());
      }
    }
    if (auth.keyStore() != null) {
      b.keystorePath(auth.keyStore().toString());
      if (auth.keyStorePassword() != null) {
        b.keystorePassword(auth.keyStorePassword().toCharArray());
      }
    }
    settings.optionsCustomizer().accept(b);
    return b.build();
  }
}
