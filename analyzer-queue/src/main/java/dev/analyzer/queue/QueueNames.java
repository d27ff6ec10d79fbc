package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import java.util.Locale;
import java.util.Objects;

/**
 * Every name of the queue topology under one prefix (default {@code analyzer}):
 *
 * <table>
 *   <caption>Names</caption>
 *   <tr><th>what</th><th>name</th></tr>
 *   <tr><td>request stream (work queue)</td><td>{@code ANALYZER_<KIND>}</td></tr>
 *   <tr><td>request subject</td><td>{@code analyzer.<kind>.requests}</td></tr>
 *   <tr><td>durable pull consumer</td><td>{@code workers} on each request stream</td></tr>
 *   <tr><td>results stream</td><td>{@code ANALYZER_RESULTS}, subjects {@code analyzer.results.<id>}</td></tr>
 *   <tr><td>large results</td><td>Object Store bucket {@code analyzer_results}</td></tr>
 *   <tr><td>dead letters</td><td>{@code ANALYZER_DEAD}, subjects {@code analyzer.dead.<kind>}</td></tr>
 *   <tr><td>progress (core NATS)</td><td>{@code analyzer.progress.<id>}</td></tr>
 *   <tr><td>cancel (core NATS)</td><td>{@code analyzer.cancel.<id>}</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class QueueNames {

  /** The durable pull consumer on every request stream. */
  public static final String CONSUMER = "workers";
  private static final int MAX_ID_LENGTH = 200;

  private final String prefix;
  private final String upper;

  QueueNames(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.upper = prefix.toUpperCase(Locale.ROOT);
  }

  /** The names under the default prefix {@code analyzer}. */
  public static QueueNames defaults() {
    return new QueueNames("analyzer");
  }

  /** The prefix. */
  public String prefix() {
    return prefix;
  }

  /** {@code ANALYZER_<KIND>}: the work-queue stream of {@code kind}. */
  public String requestStream(AnalysisKind kind) {
    return upper + "_" + kind.name();
  }

  /** {@code analyzer.<kind>.requests}. */
  public String requestSubject(AnalysisKind kind) {
    return prefix + "." + kind.wire() + ".requests";
  }

  /** {@code ANALYZER_RESULTS}. */
  public String resultsStream() {
    return upper + "_RESULTS";
  }

  /** {@code analyzer.results.<id>}. */
  public String resultSubject(String id) {
    return prefix + ".results." + checkId(id);
  }

  /** {@code analyzer.results.>}. */
  public String resultsWildcard() {
    return prefix + ".results.>";
  }

  /** The request id of a result subject, or {@code null} when it is not one. */
  public String idOfResultSubject(String subject) {
    String head = prefix + ".results.";
    return subject != null && subject.startsWith(head) ? subject.substring(head.length()) : null;
  }

  /** {@code analyzer_results}: the Object Store bucket of large results. */
  public String objectBucket() {
    return prefix + "_results";
  }

  /** {@code ANALYZER_DEAD}. */
  public String deadStream() {
    return upper + "_DEAD";
  }

  /** {@code analyzer.dead.<kind>}. */
  public String deadSubject(AnalysisKind kind) {
    return prefix + ".dead." + kind.wire();
  }

  /** {@code analyzer.dead.>}. */
  public String deadWildcard() {
    return prefix + ".dead.>";
  }

  /** {@code analyzer.progress.<id>}. */
  public String progressSubject(String id) {
    return prefix + ".progress." + checkId(id);
  }

  /** {@code analyzer.cancel.<id>}. */
  public String cancelSubject(String id) {
    return prefix + ".cancel." + checkId(id);
  }

  /** {@code analyzer.cancel.*}: what every worker listens to. */
  public String cancelWildcard() {
    return prefix + ".cancel.*";
  }

  /** The request id of a cancel subject, or {@code null}. */
  public String idOfCancelSubject(String subject) {
    String head = prefix + ".cancel.";
    return subject != null && subject.startsWith(head) ? subject.substring(head.length()) : null;
  }

  /** The server's advisory when a request of {@code kind} ran out of deliveries. */
  public String maxDeliveriesAdvisory(AnalysisKind kind) {
    return "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES." + requestStream(kind) + "." + CONSUMER;
  }

  /** The queue group in which one worker handles each max-deliveries advisory. */
  public String deadLetterGroup() {
    return prefix + "_dead_letter";
  }

  /**
   * {@code id}, when it can be one token of a subject: 1 to 200 letters, digits, {@code -},
   * {@code _} or {@code :} (UUIDs and the ids our clients generate all are).
   *
   * @throws IllegalArgumentException naming the id otherwise
   */
  public static String checkId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || !id.matches("[A-Za-z0-9_:-]+")) {
      throw new IllegalArgumentException("request id '" + id + "' cannot name a queue subject: use 1.."
          + MAX_ID_LENGTH + " letters, digits, '-', '_' or ':'");
    }
    return id;
  }
}
