package dev.analyzer.manager.commands;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueException;
import dev.analyzer.queue.QueueSettings;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the CLI reaches the queue: {@code --queue URL}, else {@code ANALYZER_QUEUE_URL}, with every
 * other {@code ANALYZER_QUEUE_*} setting (prefix, auth, TLS) from the environment; and the errors a
 * person can act on, which never show a user or password written into a URL. Stateless.
 */
final class QueueAccess {

  private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^@/\\s,]+@");

  private QueueAccess() {}

  /**
   * The settings for {@code url} (null: {@code ANALYZER_QUEUE_URL}, then {@code fallback}).
   *
   * @param fallback where a resumed batch was queued (null: none)
   * @throws IllegalArgumentException (usage) when no URL is given anywhere or a setting is bad
   */
  static QueueSettings settings(String url, String fallback, Map<String, String> env) {
    Map<String, String> vars = new java.util.HashMap<>(env);
    if (url != null && !url.isBlank()) {
      vars.put(QueueSettings.URL, url);
    } else if ((vars.get(QueueSettings.URL) == null || vars.get(QueueSettings.URL).isBlank()) && fallback != null) {
      vars.put(QueueSettings.URL, fallback);
    }
    return QueueSettings.fromEnvironment(Environment.of(vars)).orElseThrow(() -> new IllegalArgumentException(
        "no queue: give --queue nats://host:4222 or set " + QueueSettings.URL));
  }

  /**
   * Connects, or fails with a message that names the servers (without credentials) and why.
   *
   * @throws QueueUnavailableException when NATS cannot be reached or has no JetStream
   */
  static QueueConnection open(QueueSettings settings, String name) {
    try {
      return QueueConnection.open(settings, name);
    } catch (QueueException | IllegalStateException e) {
      String why = redact(String.valueOf(e.getMessage())).replaceFirst("^cannot connect to NATS at \\[[^]]*]: ", "");
      throw new QueueUnavailableException("cannot use the queue at " + servers(settings) + ": " + why
          + " (is nats-server -js running there? --queue or "
          + QueueSettings.URL + " names it)", e);
    }
  }

  /** The servers of {@code settings}, comma-separated, without credentials. */
  static String servers(QueueSettings settings) {
    return redact(String.join(",", settings.servers()));
  }

  /** {@code text} with the user and password of every URL in it removed. */
  static String redact(String text) {
    return USER_INFO.matcher(text).replaceAll("$1");
  }

  /** Names a queue operation's failure with redacted URLs. */
  static RuntimeException failure(String what, RuntimeException e) {
    return new QueueUnavailableException(what + ": " + redact(String.valueOf(e.getMessage())), e);
  }

  /** The queue could not be used; the message names where and why (exit 3). */
  static final class QueueUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueueUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
