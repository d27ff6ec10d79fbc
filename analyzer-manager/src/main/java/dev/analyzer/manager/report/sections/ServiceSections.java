package dev.analyzer.manager.report.sections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.manager.run.ServiceOutcome;
import java.nio.file.Path;

/**
 * The part of a service's section of the HTML report that depends on the service: the tools and
 * methods it used, then dynamic findings by URL, the load test's chart and percentiles, or the AI
 * review's requirements. Everything read from the reply is escaped. Stateless.
 */
public final class ServiceSections {

  private ServiceSections() {}

  public static void render(StringBuilder h, ServiceOutcome o, Path source) {
    if (o.result() == null || o.result().analysis() == null) {
      return;
    }
    JsonNode analysis = Json.of(o.reply()).path("analysis");
    ToolsLine.render(h, analysis);
    switch (o.spec().kind()) {
      case DYNAMIC -> DynamicSection.render(h, o.result().analysis().findings());
      case PERFORMANCE -> PerformanceSection.render(h, analysis);
      case AI -> AiSection.render(h, analysis, source == null ? null : source.toAbsolutePath().normalize());
      default -> { }
    }
  }
}
