package dev.analyzer.dynamic;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.dynamic.auth.AuthConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@link ScanCommand}: {@code [--unsafe] [--auth form|json|bearer|cookie
 * --login-url PATH --username NAME --password-env VAR --username-field F --password-field F
 * --token-env VAR --cookie-env VAR] URL...}. Secrets (password, token, cookie) are read from the
 * environment variable the option names, never from the command line (where {@code ps} shows them).
 * Immutable.
 *
 * @param unsafe probe state-changing endpoints
 * @param auth the login, or null
 * @param urls the targets (at least one)
 */
record ScanArguments(boolean unsafe, AuthConfig auth, List<String> urls) {

  static final String USAGE = "usage: ScanCommand [--unsafe] [--auth form|json|bearer|cookie] [--login-url PATH]"
      + " [--username NAME] [--password-env VAR] [--username-field F] [--password-field F] [--token-env VAR]"
      + " [--cookie-env VAR] URL...";

  ScanArguments {
    urls = List.copyOf(urls);
  }

  /**
   * Parses {@code args}, reading secrets from {@code env}.
   *
   * @throws IllegalArgumentException naming the option that is wrong
   */
  static ScanArguments parse(String[] args, Environment env) {
    boolean unsafe = false;
    String kind = null;
    String login = null;
    String user = null;
    String password = null;
    String userField = null;
    String passwordField = null;
    String token = null;
    String cookie = null;
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--unsafe" -> unsafe = true;
        case "--auth" -> kind = value(args, ++i, a);
        case "--login-url" -> login = value(args, ++i, a);
        case "--username" -> user = value(args, ++i, a);
        case "--password-env" -> password = secret(env, value(args, ++i, a), a);
        case "--username-field" -> userField = value(args, ++i, a);
        case "--password-field" -> passwordField = value(args, ++i, a);
        case "--token-env" -> token = secret(env, value(args, ++i, a), a);
        case "--cookie-env" -> cookie = secret(env, value(args, ++i, a), a);
        default -> {
          if (a.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          urls.add(a);
        }
      }
    }
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("no target URL given");
    }
    AuthConfig auth = null;
    if (kind != null) {
      AuthConfig.Kind k;
      try {
        k = AuthConfig.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--auth must be form, json, bearer or cookie, got " + kind);
      }
      auth = new AuthConfig(k, login, user, password, userField, passwordField, token, cookie);
    } else if (login != null || user != null || password != null || token != null || cookie != null) {
      throw new IllegalArgumentException("login options need --auth form|json|bearer|cookie");
    }
    return new ScanArguments(unsafe, auth, urls);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static String secret(Environment env, String variable, String option) {
    String v = env.get(variable);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(option + " names " + variable + ", which is not set");
    }
    return v;
  }
}
