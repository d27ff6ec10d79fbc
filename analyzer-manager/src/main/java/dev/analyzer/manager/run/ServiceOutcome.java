package dev.analyzer.manager.run;

import dev.analyzer.client.ClientFailure;
import dev.analyzer.core.protocol.AnalysisResult;
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
 * @param state completed, partial, failed, unavailable, not_built, cancelled or timeout
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
    String state = ClientFailure.of(reply).map(f -> {
      switch (f) {
        case UNREACHABLE:
        case CIRCUIT_OPEN:
          return "unavailable";
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

  public static ServiceOutcome notBuilt(ServiceSpec spec) {
    return new ServiceOutcome(spec, null, "not_built", "the " + spec.module() + " module is not built yet", Duration.ZERO);
  }

  public static ServiceOutcome skipped(ServiceSpec spec, String why) {
    return new ServiceOutcome(spec, null, "skipped", why, Duration.ZERO);
  }

  /** True when a service that exists failed (exit code 3); unbuilt or skipped ones do not count. */
  public boolean failed() {
    return state.equals("failed") || state.equals("unavailable") || state.equals("timeout");
  }

  /** The analysis result, if the reply is one. */
  public AnalysisResult result() {
    return reply instanceof AnalysisResult ? (AnalysisResult) reply : null;
  }
}
