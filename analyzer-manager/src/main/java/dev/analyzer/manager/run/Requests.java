package dev.analyzer.manager.run;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisRequestBuilder;
import dev.analyzer.manager.services.ServiceSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The request one service gets for one app: model and app number, the tools it was given, the
 * source (static, ai), the URLs (dynamic, performance, ai), the deadline and its {@code config}.
 * Used by a live run and by a queued batch, so both send the same requests. Stateless.
 */
public final class Requests {

  private Requests() {}

  /**
   * The request of {@code spec} for {@code options}.
   *
   * @param tools the tools to ask it for (empty: all)
   * @param id the request id, or null for a new random one
   */
  public static AnalysisRequest of(ServiceSpec spec, AnalyzeOptions options, List<String> tools, Instant timestamp,
      String id) {
    AnalysisRequestBuilder b = AnalysisRequest.builder(spec.kind()).withModelSlug(options.model())
        .withAppNumber(options.app()).withTimestamp(timestamp);
    if (id != null) {
      b.withId(id);
    }
    if (!tools.isEmpty()) {
      b.withTools(tools);
    }
    Path src = options.source();
    if (src != null && Preflight.readsSource(spec)) {
      b.withSourcePath(src.toAbsolutePath().normalize().toString());
    }
    if (!options.urls().isEmpty() && spec.kind() != AnalysisKind.STATIC) {
      b.withTargetUrls(options.urls());
    }
    if (options.timeout() != null) {
      b.withTimeoutSeconds((int) Math.max(1, options.timeout().toSeconds()));
    }
    Map<String, Object> config = options.config().get(spec.name());
    if (config != null && !config.isEmpty()) {
      b.withConfig(config);
    }
    return b.build();
  }
}
