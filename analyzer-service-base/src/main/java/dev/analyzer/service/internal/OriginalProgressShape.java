package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.ProgressUpdate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A progress event as the original's services sent it to their gateway (original-analyzer.md
 * §1.0): {@code {"type":"progress_update","correlation_id":id|"","stage","message","service",
 * "data":{stage,message,...extra},"timestamp"}}. Our counts ({@code percent}, {@code completed},
 * {@code total}) and the service's own fields go under {@code data}, where the original put its
 * extras. Stateless.
 */
final class OriginalProgressShape {

  private OriginalProgressShape() {}

  /** {@code u} in the original's gateway shape. */
  static ProgressUpdate of(ProgressUpdate u) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("stage", u.stage());
    data.put("message", u.message());
    if (u.percent() != null) {
      data.put("percent", u.percent());
    }
    if (u.completed() != null) {
      data.put("completed", u.completed());
    }
    if (u.total() != null) {
      data.put("total", u.total());
    }
    data.putAll(u.extra());
    return new ProgressUpdate(u.correlationId() == null ? "" : u.correlationId(), u.service(), u.stage(),
        u.message(), null, null, null, u.timestamp(), Map.of("data", data));
  }
}
