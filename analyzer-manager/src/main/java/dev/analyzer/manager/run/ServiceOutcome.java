package dev.analyzer.manager.run;

import dev.analyzer.client.ClientFailure;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.manager.services.ServiceSpec;
import java.time.Duration;

/**
 * How one requested analysis ended, for the summary and the reports.
 *
 * @param spec the service
 * @param reply its terminal reply, or null when it was not sent
 * @param state completed, partial, failed, refused (the service rejected the request), timeout, cancelled,
 *     targets_unreachable, not_running, not_built or skipped (not requested after all, e.g. by --tools)
 * @param detail a line a person can read
 * @param duration wall time
 */
public record ServiceOutcome(ServiceSpec spec, Message reply, String state, String detail, Duration duration) {

  /** The outcome of a reply. */
  public static ServiceOutcome of(ServiceSpec spec, Message reply, Duration took) {
    if (reply instanceof AnalysisResult) {
      AnalysisResult r = (AnalysisResult) reply;
      String state = r.status() == ResultStatus.SUCCESS ? "completed" : r.status() == ResultStatus.PARTIAL ? "partial"
          : r.status() == ResultStatus.CANCELLED ? "cancelled" : r.status() == ResultStatus.TIMEOUT ? "timeout"
          : r.status() == ResultStatus.TARGETS_UNREACHABLE ? "targets_unreachable" : "failed";
      String detail = r.analysis() == null ? String.valueOf(r.error())
          : r.analysis().findings().size() + " findings" + (r.error() == null ? "" : "; " + r.error());
      return new ServiceOutcome(spec, reply, state, detail, took);
    }
    ErrorMessage e = (ErrorMessage) reply;
    if (ClientFailure.of(reply).isEmpty() && e.code() == ErrorCode.INVALID_REQUEST) {
      return new ServiceOutcome(spec, reply, "refused", e.message(), took);
    }
    String state = ClientFailure.of(reply).map(f -> {
      switch (f) {
        case UNREACHABLE:
        case CIRCUIT_OPEN:
          return "not_running";
        case CANCELLED:
          return "cancelled";
        case TIMEOUT:
          return "timeout";
        default:
          return "failed";
      }
    }).orElse("failed");
    return new ServiceOutcome(spec, reply, state, e.message(), took);
  }

  public static ServiceOutcome notBuilt(ServiceSpec spec, String why) {
    return new ServiceOutcome(spec, null, "not_built", why, Duration.ZERO);
  }

  /** A service that was tried and not reached. */
  public static ServiceOutcome notRunning(ServiceSpec spec, Message reply, String why, Duration took) {
    return new ServiceOutcome(spec, reply, "not_running", why, took);
  }

  /** A request the CLI refused before sending it (a source path that does not exist). */
  public static ServiceOutcome refused(ServiceSpec spec, String why) {
    return new ServiceOutcome(spec, null, "refused", why, Duration.ZERO);
  }

  public static ServiceOutcome skipped(ServiceSpec spec, String why) {
    return new ServiceOutcome(spec, null, "skipped", why, Duration.ZERO);
  }

  /** This outcome with another detail (a better explanation of the same state). */
  public ServiceOutcome withDetail(String why) {
    return new ServiceOutcome(spec, reply, state, why, duration);
  }

  /** True when the service is not built or did not answer: its analysis is missing from the run. */
  public boolean missing() {
    return state.equals("not_built") || state.equals("not_running");
  }

  /** True when the service answered and its analysis failed, was refused, timed out or was cancelled. */
  public boolean failed() {
    return state.equals("failed") || state.equals("refused") || state.equals("timeout") || state.equals("cancelled")
        || state.equals("targets_unreachable");
  }

  /** True when the service delivered its analysis (possibly with some tools failed). */
  public boolean delivered() {
    return state.equals("completed") || state.equals("partial");
  }

  /** The analysis result, if the reply is one. */
  public AnalysisResult result() {
    return reply instanceof AnalysisResult ? (AnalysisResult) reply : null;
  }
}
