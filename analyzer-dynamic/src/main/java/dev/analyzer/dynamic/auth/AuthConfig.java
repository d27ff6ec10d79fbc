package dev.analyzer.dynamic.auth;

import java.util.Locale;
import java.util.Map;

/**
 * How the scan logs in ({@code config.auth}). Credentials never appear in {@link #toString()},
 * results or logs. Immutable.
 *
 * @param kind form, json, bearer or cookie
 * @param loginPath the login form page (form) or login endpoint (json), below the target; null otherwise
 * @param username the user name (form, json), or null
 * @param password the password (form, json), or null
 * @param usernameField the user name field (default {@code username})
 * @param passwordField the password field (default {@code password})
 * @param token the bearer token (bearer), or null
 * @param cookie {@code name=value[; name2=value2]} (cookie), or null
 */
public record AuthConfig(Kind kind, String loginPath, String username, String password, String usernameField,
    String passwordField, String token, String cookie) {

  /** The ways to log in. */
  public enum Kind { FORM, JSON, BEARER, COOKIE }

  public AuthConfig {
    if (kind == null) {
      throw new IllegalArgumentException("config.auth.type must be form, json, bearer or cookie");
    }
    usernameField = usernameField == null || usernameField.isBlank() ? "username" : usernameField;
    passwordField = passwordField == null || passwordField.isBlank() ? "password" : passwordField;
    switch (kind) {
      case FORM, JSON -> {
        if (loginPath == null || !loginPath.startsWith("/") || username == null || password == null) {
          throw new IllegalArgumentException("config.auth of type " + kind.name().toLowerCase(Locale.ROOT)
              + " needs login_url (a path starting with /), username and password");
        }
      }
      case BEARER -> {
        if (token == null || token.isBlank() || token.contains("\n") || token.contains("\r")) {
          throw new IllegalArgumentException("config.auth of type bearer needs a token (one line)");
        }
      }
      case COOKIE -> {
        if (cookie == null || !cookie.contains("=") || cookie.contains("\n") || cookie.contains("\r")) {
          throw new IllegalArgumentException("config.auth of type cookie needs cookie: \"name=value\" (one line)");
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  /**
   * Reads {@code config.auth}: {@code {type, login_url, username, password, username_field,
   * password_field, token, cookie}}.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static AuthConfig fromMap(Map<?, ?> m) {
    Object type = m.get("type");
    if (type == null) {
      type = m.get("kind");
    }
    Kind kind;
    try {
      kind = Kind.valueOf(String.valueOf(type).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config.auth.type must be form, json, bearer or cookie, got " + type);
    }
    Object login = m.get("login_url") != null ? m.get("login_url") : m.get("login_path");
    String path = login == null ? null : String.valueOf(login);
    if (path != null && path.matches("(?i)https?://.*")) {
      path = java.net.URI.create(path).getRawPath();
    }
    return new AuthConfig(kind, path, str(m, "username"), str(m, "password"), str(m, "username_field"),
        str(m, "password_field"), str(m, "token"), str(m, "cookie"));
  }

  private static String str(Map<?, ?> m, String k) {
    Object v = m.get(k);
    return v == null ? null : String.valueOf(v);
  }

  @Override
  public String toString() {
    return "AuthConfig[" + kind.name().toLowerCase(Locale.ROOT) + (loginPath == null ? "" : " " + loginPath) + "]";
  }
}
