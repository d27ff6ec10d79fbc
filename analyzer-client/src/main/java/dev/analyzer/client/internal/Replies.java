package dev.analyzer.client.internal;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;

/** Copies of replies addressed to another caller's request id (for deduplicated requests). Stateless. */
public final class Replies {

  private Replies() {}

  /** {@code reply} with {@code correlationId}; other message types are returned unchanged. */
  public static Message forCaller(Message reply, String correlationId) {
    if (reply instanceof AnalysisResult) {
      AnalysisResult r = (AnalysisResult) reply;
      return correlationId.equals(r.correlationId()) ? r : new AnalysisResult(r.type(), correlationId, r.service(),
          r.timestamp(), r.status(), r.analysis(), r.error(), r.extra());
    }
    if (reply instanceof ErrorMessage) {
      ErrorMessage e = (ErrorMessage) reply;
      return correlationId.equals(e.correlationId()) ? e : new ErrorMessage(e.code(), e.message(), correlationId,
          e.service(), e.timestamp(), e.extra());
    }
    return reply;
  }

  /** {@code update} addressed to {@code correlationId}. */
  public static ProgressUpdate forCaller(ProgressUpdate u, String correlationId) {
    return correlationId.equals(u.correlationId()) ? u : new ProgressUpdate(correlationId, u.service(), u.stage(),
        u.message(), u.percent(), u.completed(), u.total(), u.timestamp(), u.extra());
  }
}
