package dev.analyzer.ai.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.ai.requirements.RequirementSet;
import dev.analyzer.core.protocol.ProtocolException;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.http.client.HttpEngine;
import dev.analyzer.http.client.HttpRequest;
import dev.analyzer.http.client.HttpResponse;
import dev.analyzer.http.client.HttpSession;
import dev.analyzer.http.client.RequestBudget;
import dev.analyzer.http.target.HostResolver;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.http.target.TargetRefusedException;
import dev.analyzer.http.target.Targets;
import dev.analyzer.service.AnalysisContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The original's control requests (§4 step 3) against the running backend, through the analyzer-http
 * target policy (loopback only unless {@code ANALYZER_ALLOWED_TARGETS} allows more; redirects and
 * addresses checked): an admin token from {@code /api/auth/register} then {@code /api/auth/login}
 * (token field {@code token}, {@code access_token} or {@code jwt}), then each template endpoint
 * with {@code :id} as 1 and the template's body for POST/PUT/PATCH, or {@code GET /api/health}
 * when the template lists none. Pass = 200 exactly, or 401/403 for an admin endpoint when no token
 * was obtained. Runs only when the request names {@code target_urls} (or {@code config.control_tests}
 * is true). Thread-safe.
 */
public final class ControlTests {

  static final int MAX_REQUESTS = 40;
  static final Duration PER_REQUEST = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TargetPolicy policy;
  private final HttpEngine engine;

  public ControlTests(TargetPolicy policy) {
    this.policy = policy;
    this.engine = HttpEngine.builder().withTargetPolicy(policy).build();
  }

  public static ControlTests fromEnvironment(Environment env) {
    return new ControlTests(TargetPolicy.fromEnvironment(env, HostResolver.system()));
  }

  /** The results, or an empty list when the request names no target. */
  public List<ControlTestResult> run(AnalysisContext ctx, RequirementSet set, Path appDir) {
    boolean asked = ctx.request().targetUrls() != null && !ctx.request().targetUrls().isEmpty()
        || Boolean.TRUE.equals(ctx.request().config().get("control_tests"));
    if (!asked) {
      return List.of();
    }
    List<RequirementSet.Endpoint> endpoints = set.endpoints().isEmpty()
        ? List.of(new RequirementSet.Endpoint("GET", "/api/health", "health", null, false)) : set.endpoints();
    ResolvedTarget target;
    try {
      List<Target> targets = Targets.of(ctx.request(), Optional.ofNullable(appDir));
      if (targets.isEmpty()) {
        return List.of();
      }
      target = policy.check(backend(targets));
    } catch (TargetRefusedException | ProtocolException e) {
      return endpoints.stream().map(e2 -> new ControlTestResult(e2.method(), e2.path(), null, null, false,
          "not requested: " + e.getMessage(), e2.admin())).toList();
    }
    List<ControlTestResult> out = new ArrayList<>();
    try (HttpSession session = engine.openSession(RequestBudget.builder().withMaxRequests(MAX_REQUESTS)
        .withMaxDuration(Duration.ofSeconds(120)).build(), false)) {
      ctx.onCancel(session::close);
      String token = endpoints.stream().anyMatch(RequirementSet.Endpoint::admin) ? adminToken(session, target, ctx) : null;
      for (RequirementSet.Endpoint e : endpoints) {
        if (ctx.isCancelled()) {
          break;
        }
        String path = e.path().replaceAll(":[A-Za-z_]\\w*", "1").replaceAll("<(?:\\w+:)?\\w+>", "1")
            .replaceAll("\\{[^}/]*}", "1");
        HttpRequest.Builder b = HttpRequest.builder(target).withMethod(e.method()).withPath(path)
            .withTimeout(PER_REQUEST).withHeader("Accept", "application/json");
        if (token != null) {
          b.withHeader("Authorization", "Bearer " + token);
        }
        if (e.requestJson() != null && List.of("POST", "PUT", "PATCH").contains(e.method())) {
          b.withHeader("Content-Type", "application/json").withBody(e.requestJson().getBytes(StandardCharsets.UTF_8));
        }
        String url = target.target().resolve(path).toString();
        try {
          HttpResponse r = session.send(b.build()).get(PER_REQUEST.toMillis() + 2000, TimeUnit.MILLISECONDS);
          boolean passed = r.status() == 200 || e.admin() && token == null && (r.status() == 401 || r.status() == 403);
          out.add(new ControlTestResult(e.method(), e.path(), url, r.status(), passed, null, e.admin()));
        } catch (Exception ex) {
          out.add(new ControlTestResult(e.method(), e.path(), url, null, false, reason(ex), e.admin()));
        }
      }
    }
    return out;
  }

  private static Target backend(List<Target> targets) {
    for (Target t : targets) {
      if (t.host().contains("_backend")) {
        return t;
      }
    }
    return targets.get(0);
  }

  private String adminToken(HttpSession session, ResolvedTarget target, AnalysisContext ctx) {
    Map<String, Object> cfg = ctx.request().config();
    String user = cfg.get("admin_username") instanceof String s ? s : "admin";
    String pass = cfg.get("admin_password") instanceof String s ? s : "admin2025";
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Map.of("username", user, "password", pass, "email", user + "@example.com"));
    } catch (Exception e) {
      return null;
    }
    for (String path : List.of("/api/auth/register", "/api/auth/login")) {
      try {
        HttpResponse r = session.send(HttpRequest.builder(target).withMethod("POST").withPath(path)
            .withHeader("Content-Type", "application/json").withBody(body).withTimeout(PER_REQUEST).build())
            .get(PER_REQUEST.toMillis() + 2000, TimeUnit.MILLISECONDS);
        JsonNode json = JSON.readTree(r.bodyText());
        for (String field : List.of("token", "access_token", "jwt")) {
          if (json != null && json.hasNonNull(field)) {
            return json.get(field).asText();
          }
        }
      } catch (Exception ignored) {
        // no token: admin endpoints then pass on 401/403, as in the original
      }
    }
    return null;
  }

  private static String reason(Exception e) {
    Throwable c = e.getCause() != null ? e.getCause() : e;
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }
}
