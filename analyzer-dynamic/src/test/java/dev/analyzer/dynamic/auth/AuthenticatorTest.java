package dev.analyzer.dynamic.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.analyzer.dynamic.probe.ProbeRequest;
import dev.analyzer.dynamic.probe.Prober;
import dev.analyzer.http.client.HttpEngine;
import dev.analyzer.http.client.HttpSession;
import dev.analyzer.http.client.RequestBudget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four login kinds against a small app that records what it was sent. */
class AuthenticatorTest {

  private HttpServer app;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private HttpEngine engine;
  private HttpSession session;
  private Prober prober;

  @BeforeEach
  void start() throws Exception {
    app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + body + " | auth="
          + ex.getRequestHeaders().getFirst("Authorization") + " | cookie=" + ex.getRequestHeaders().getFirst("Cookie"));
      String out = "{}";
      switch (ex.getRequestURI().getPath()) {
        case "/login" -> {
          if (ex.getRequestMethod().equals("GET")) {
            out = "<form method=post action=/session><input type=hidden name=csrf value=c5rf>"
                + "<input name=user><input type=password name=pass></form>";
            ex.getResponseHeaders().add("Content-Type", "text/html");
          } else {
            out = "login page";
          }
        }
        case "/session" -> ex.getResponseHeaders().add("Set-Cookie", "sid=s3ss; Path=/; HttpOnly");
        case "/api/token" -> out = "{\"data\":{\"access_token\":\"jwt-1\"}}";
        default -> { }
      }
      byte[] b = out.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    app.start();
    engine = HttpEngine.builder().build();
    session = engine.openSession(RequestBudget.unlimited(), true);
    prober = new Prober(session, TargetPolicy.loopbackOnly().check(Target.parse("http://127.0.0.1:"
        + app.getAddress().getPort())), new Semaphore(4), Duration.ofSeconds(5), System::nanoTime);
  }

  @AfterEach
  void stop() {
    session.close();
    engine.close();
    app.stop(0);
  }

  @Test
  void aFormLoginPostsTheHiddenFieldsAndKeepsTheSessionCookie() {
    Authenticator a = Authenticator.login(prober, new AuthConfig(AuthConfig.Kind.FORM, "/login", "alice", "s3cret",
        "user", "pass", null, null));
    prober.send(ProbeRequest.get("/private"));

    assertThat(a.status()).isEqualTo("logged_in");
    assertThat(seen).anyMatch(s -> s.startsWith("POST /session csrf=c5rf&user=alice&pass=s3cret"));
    assertThat(seen.get(seen.size() - 1)).startsWith("GET /private").contains("cookie=sid=s3ss");
  }

  @Test
  void aJsonLoginSendsTheTokenItGot() {
    Authenticator a = Authenticator.login(prober, new AuthConfig(AuthConfig.Kind.JSON, "/api/token", "alice",
        "s3cret", null, null, null, null));
    prober.send(ProbeRequest.get("/api/me"));

    assertThat(a.status()).isEqualTo("logged_in");
    assertThat(seen).anyMatch(s -> s.contains("POST /api/token {\"") && s.contains("\"username\":\"alice\""));
    assertThat(seen.get(seen.size() - 1)).contains("auth=Bearer jwt-1");
  }

  @Test
  void bearerAndCookieAreSentAsGiven() {
    Authenticator.login(prober, new AuthConfig(AuthConfig.Kind.BEARER, null, null, null, null, null, "tok", null));
    prober.send(ProbeRequest.get("/a"));
    Authenticator.login(prober, new AuthConfig(AuthConfig.Kind.COOKIE, null, null, null, null, null, null, "k=v"));
    prober.send(ProbeRequest.get("/b"));

    assertThat(seen.get(0)).contains("auth=Bearer tok");
    assertThat(seen.get(1)).contains("cookie=k=v");
  }

  @Test
  void requestExcerptsNeverShowCredentials() {
    assertThat(ProbeRequest.get("/x").withHeader("Authorization", "Bearer tok").withHeader("Cookie", "k=v")
        .excerpt()).doesNotContain("tok").doesNotContain("k=v").contains("[redacted]");
    assertThat(ProbeRequest.withBody("POST", "/login", "application/json", "{\"password\":\"s3cret\"}")
        .withSecretBody().excerpt()).doesNotContain("s3cret").contains("redacted");
  }
}
