package dev.analyzer.client.queue;

import dev.analyzer.client.ClientFailure;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ResultStatus;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How queue failures become the replies the WebSocket transport gives for the same situations
 * (see {@link ClientFailure}):
 *
 * <table>
 *   <caption>Queue failure to client reply</caption>
 *   <tr><th>queue</th><th>reply status</th><th>WebSocket counterpart</th></tr>
 *   <tr><td>NATS unreachable at submit, JetStream off, the stream refuses or does not confirm the
 *       request</td><td>{@code unreachable}</td><td>no replica could be connected to</td></tr>
 *   <tr><td>the connection lost while waiting for the result</td><td>{@code error}</td><td>the
 *       connection broke after the analysis started</td></tr>
 *   <tr><td>the request was dead-lettered (poison)</td><td>{@code error}, naming the reason</td><td>the
 *       analysis could not run</td></tr>
 *   <tr><td>the deadline passed</td><td>{@code timeout} (and a cancel to the workers)</td><td>the same</td></tr>
 *   <tr><td>every caller cancelled</td><td>{@code cancelled} (and a cancel to the workers)</td><td>the same</td></tr>
 * </table>
 *
 * A result the worker stored (success, partial, error, timeout, ...) is the reply, unchanged, as
 * the service's own reply is on the WebSocket. Stateless.
 */
final class QueueReplies {

  /**
   * How analyzer-queue's dead-letter path words the {@code error} of the result it stores; the
   * result carries no other mark, so this prefix is what tells a dead letter from an analysis that
   * ran and failed.
   */
  static final String DEAD_LETTER_PREFIX = "dead-lettered after ";

  private QueueReplies() {}

  /** The request never reached the queue: {@code unreachable}. */
  static Message notQueued(Throwable why, String id, String service, Instant now) {
    return ClientFailure.UNREACHABLE.reply(describe(why), id, service, now);
  }

  /** The wait for the result broke: {@code error}. */
  static Message lost(Throwable why, String id, String service, Instant now) {
    return ClientFailure.ERROR.reply("the queue was lost while waiting for the result: " + describe(why), id, service,
        now);
  }

  /** The reply for the stored {@code result}: a dead letter becomes {@code error} with its reason. */
  static Message fromResult(AnalysisResult result, String id, String service, Instant now) {
    if (isDeadLetter(result)) {
      return ClientFailure.ERROR.reply("the queue gave the request up: " + result.error(), id, service, now);
    }
    return result;
  }

  static boolean isDeadLetter(AnalysisResult result) {
    return result.status() == ResultStatus.ERROR && result.analysis() == null && result.error() != null
        && result.error().startsWith(DEAD_LETTER_PREFIX);
  }

  /** The innermost useful message of {@code t}. */
  static String describe(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
