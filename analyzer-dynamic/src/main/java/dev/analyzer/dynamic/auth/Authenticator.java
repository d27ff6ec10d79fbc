package dev.analyzer.dynamic.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.dynamic.checks.active.Mutation;
import dev.analyzer.dynamic.probe.ProbeRequest;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.probe.Prober;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Logs a scan in ({@code config.auth}) and keeps it logged in: a bearer token or cookie is sent with
 * every request; a JSON login posts the credentials and takes the token from {@code token},
 * {@code access_token}, {@code accessToken} or {@code jwt} (top level or under {@code data}), else
 * relies on the session cookie it set; a form login reads the login form (hidden fields such as CSRF
 * tokens included) and posts it, keeping the session cookie. The prober logs in again when a request
 * answers 401. The login request is the only state-changing request the engine sends without
 * {@code allow_unsafe_methods}. Thread-safe.
 */
public final class Authenticator implements Prober.AuthState {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AuthConfig config;
  private volatile List<Map.Entry<String, String>> headers = List.of();
  private volatile String status = "not_attempted";

  private Authenticator(AuthConfig config) {
    this.config = config;
  }

  /** Logs {@code prober} in with {@code config} and installs the login on it; see {@link #status()}. */
  public static Authenticator login(Prober prober, AuthConfig config) {
    Authenticator a = new Authenticator(config);
    a.relogin(prober);
    prober.setAuth(a);
    return a;
  }

  /** {@code logged_in}, {@code failed: <why>} or {@code not_attempted}. */
  public String status() {
    return status;
  }

  @Override
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  @Override
  public boolean isLoginRequest(ProbeRequest r) {
    return config.loginPath() != null && r.pathOnly().equals(config.loginPath());
  }

  @Override
  public synchronized boolean relogin(Prober prober) {
    switch (config.kind()) {
      case BEARER -> headers = List.of(Map.entry("Authorization", "Bearer " + config.token()));
      case COOKIE -> headers = List.of(Map.entry("Cookie", config.cookie()));
      case JSON -> jsonLogin(prober);
      case FORM -> formLogin(prober);
      default -> throw new IllegalStateException();
    }
    if (config.kind() == AuthConfig.Kind.BEARER || config.kind() == AuthConfig.Kind.COOKIE) {
      status = "logged_in";
    }
    return status.equals("logged_in");
  }

  private void jsonLogin(Prober prober) {
    Map<String, String> creds = Map.of(config.usernameField(), config.username(), config.passwordField(),
        config.password());
    String body;
    try {
      body = JSON.writeValueAsString(creds);
    } catch (Exception e) {
      status = "failed: credentials could not be encoded";
      return;
    }
    ProbeResult r = prober.sendOnce(ProbeRequest.withBody("POST", config.loginPath(), "application/json", body)
        .withSecretBody());
    if (r == null || r.status() >= 400) {
      status = "failed: " + config.loginPath() + (r == null ? " did not answer" : " answered HTTP " + r.status());
      return;
    }
    String token = token(r.body());
    headers = token == null ? List.of() : List.of(Map.entry("Authorization", "Bearer " + token));
    status = token != null || !r.headers("set-cookie").isEmpty() ? "logged_in"
        : "failed: the login answer held no token and set no cookie";
  }

  static String token(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      for (JsonNode scope : List.of(n, n.path("data"), n.path("result"))) {
        for (String k : List.of("token", "access_token", "accessToken", "jwt", "id_token")) {
          if (scope.path(k).isTextual() && !scope.path(k).asText().isBlank()) {
            return scope.path(k).asText().replaceAll("[\\r\\n]", "");
          }
        }
      }
    } catch (Exception e) {
      return null;
    }
    return null;
  }

  private void formLogin(Prober prober) {
    ProbeResult page = prober.sendOnce(ProbeRequest.get(config.loginPath()));
    String action = config.loginPath();
    StringBuilder form = new StringBuilder();
    if (page != null && page.isHtml()) {
      Element f = Jsoup.parse(page.body(), page.url()).select("form:has(input[type=password])").first();
      if (f != null) {
        String a = f.attr("action");
        if (!a.isBlank()) {
          URI u = URI.create(page.url()).resolve(a.trim());
          if (u.getRawPath() != null && URI.create(page.url()).getRawAuthority().equals(u.getRawAuthority())) {
            action = u.getRawPath();
          }
        }
        for (Element in : f.select("input[type=hidden][name]")) {
          form.append(form.length() == 0 ? "" : "&").append(Mutation.encode(in.attr("name"))).append('=')
              .append(Mutation.encode(in.attr("value")));
        }
      }
    }
    form.append(form.length() == 0 ? "" : "&").append(Mutation.encode(config.usernameField())).append('=')
        .append(Mutation.encode(config.username())).append('&').append(Mutation.encode(config.passwordField()))
        .append('=').append(Mutation.encode(config.password()));
    ProbeResult r = prober.sendOnce(ProbeRequest.withBody("POST", action, "application/x-www-form-urlencoded",
        form.toString()).withSecretBody());
    if (r == null || r.status() >= 400) {
      status = "failed: " + action + (r == null ? " did not answer" : " answered HTTP " + r.status());
      return;
    }
    String token = token(r.body());
    headers = token == null ? List.of() : List.of(Map.entry("Authorization", "Bearer " + token));
    status = "logged_in";
  }
}
