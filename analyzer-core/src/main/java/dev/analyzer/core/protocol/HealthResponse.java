package dev.analyzer.core.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reply to {@link HealthCheck}, as the original sent it plus {@code correlation_id} and
 * {@code analyses_in_flight}.
 *
 * @param correlationId the health check's id; {@code null} only from an original-protocol peer
 * @param status {@code healthy}, or {@code draining} while the service shuts down
 * @param service the service name
 * @param version the service version
 * @param uptimeSeconds seconds since the service started, or {@code null}
 * @param availableTools the tools the service detected at start; never {@code null}
 * @param analysesInFlight analyses running now, or {@code null} from an original peer
 * @param timestamp when it answered
 * @param extra unknown fields
 */
public record HealthResponse(
    String correlationId,
    String status,
    String service,
    String version,
    Double uptimeSeconds,
    List<String> availableTools,
    Integer analysesInFlight,
    Instant timestamp,
    Map<String, Object> extra) implements Message {

  /** The status of a service that accepts work. */
  public static final String HEALTHY = "healthy";
  /** The status of a service that is shutting down and refuses new analyses. */
  public static final String DRAINING = "draining";

  static final Set<String> FIELDS = Set.of("type", "correlation_id", "status", "service", "version",
      "uptime", "available_tools", "analyses_in_flight", "timestamp");

  public HealthResponse {
    status = Extras.requireText(status, "health_response status");
    availableTools = availableTools == null ? List.of() : List.copyOf(availableTools);
    if (analysesInFlight != null && analysesInFlight < 0) {
      throw new IllegalArgumentException("analyses_in_flight must be >= 0, got " + analysesInFlight);
    }
    extra = Extras.checked(extra, FIELDS, MessageType.HEALTH_RESPONSE);
  }

  /** True when the service accepts new analyses. */
  public boolean isHealthy() {
    return HEALTHY.equals(status);
  }

  @Override
  public MessageType type() {
    return MessageType.HEALTH_RESPONSE;
  }

  static HealthResponse read(FieldReader r) {
    String status = r.string("status");
    return new HealthResponse(r.string("correlation_id"), status == null ? "unknown" : status,
        r.string("service"), r.string("version"), r.number("uptime"), r.stringList("available_tools"),
        r.integer("analyses_in_flight"), r.instant("timestamp"), r.rest());
  }

  void write(FieldWriter w) {
    w.string("correlation_id", correlationId).string("status", status).string("service", service)
        .string("version", version).value("uptime", uptimeSeconds)
        .value("available_tools", availableTools).value("analyses_in_flight", analysesInFlight)
        .instant("timestamp", timestamp).extra(extra);
  }
}
