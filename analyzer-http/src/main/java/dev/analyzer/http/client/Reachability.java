package dev.analyzer.http.client;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Classifies targets the way the original's connectivity check did, so services report
 * {@code targets_unreachable} and {@code partial} as it did (original §1.2–1.3): one GET of each
 * target's base path, no redirects followed (a 3xx answer is reachable), body capped at 4 KiB.
 * A 5xx answer is {@link Status#HTTP_5XX}: the app is up but failing; it counts as reachable for
 * {@link #analysisStatus(List)}, as the original's curl (exit code 0) did. Stateless and thread-safe.
 */
public final class Reachability {

  /** How a target answered. */
  public enum Status {
    /** An HTTP answer below 500. */
    REACHABLE,
    /** Nothing listens, or the connection closed or spoke no HTTP. */
    REFUSED,
    /** Connect or first response byte took longer than the timeout. */
    TIMEOUT,
    /** The TLS handshake failed. */
    TLS_ERROR,
    /** An HTTP 5xx answer. */
    HTTP_5XX;

    /** The lower-case name results carry, such as {@code tls_error}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One target's outcome.
   *
   * @param target the target checked
   * @param status how it answered
   * @param statusCode the HTTP status, or 0 when there was no answer
   * @param detail the status line, or the failure's message
   */
  public record Result(Target target, Status status, int statusCode, String detail) {
    /** True when the app answered over HTTP (5xx included). */
    public boolean answered() {
      return status == Status.REACHABLE || status == Status.HTTP_5XX;
    }
  }

  private static final int BODY_CAP = 4096;

  private Reachability() {
  }

  /**
   * Checks every target at once on {@code session} (drawing on its budget).
   *
   * @param timeout the whole check of one target, connect included
   * @return one result per target, in order; never fails
   */
  public static CompletableFuture<List<Result>> check(HttpSession session, List<ResolvedTarget> targets,
      Duration timeout) {
    List<CompletableFuture<Result>> each = new ArrayList<>();
    for (ResolvedTarget t : targets) {
      HttpRequest r = HttpRequest.builder(t).withPath("/").withMaxBodyBytes(BODY_CAP, false).withTimeout(timeout)
          .build();
      each.add(session.send(r).handle((resp, err) -> err == null ? answered(t.target(), resp)
          : failed(t.target(), err instanceof CompletionException ? err.getCause() : err)));
    }
    return CompletableFuture.allOf(each.toArray(new CompletableFuture[0]))
        .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
  }

  /** {@code success} when every target answered, {@code partial} when some did, else {@code targets_unreachable}. */
  public static String analysisStatus(List<Result> results) {
    long up = results.stream().filter(Result::answered).count();
    return up == results.size() && up > 0 ? "success" : up > 0 ? "partial" : "targets_unreachable";
  }

  private static Result answered(Target t, HttpResponse resp) {
    Status s = resp.status() >= 500 ? Status.HTTP_5XX : Status.REACHABLE;
    return new Result(t, s, resp.status(), "HTTP " + resp.status() + " " + resp.reason());
  }

  private static Result failed(Target t, Throwable err) {
    Status s = Status.REFUSED;
    if (err instanceof HttpFailure) {
      switch (((HttpFailure) err).kind()) {
        case CONNECT_TIMEOUT, READ_TIMEOUT, TOTAL_TIMEOUT -> s = Status.TIMEOUT;
        case TLS -> s = Status.TLS_ERROR;
        default -> s = Status.REFUSED;
      }
    }
    return new Result(t, s, 0, String.valueOf(err.getMessage()));
  }
}
