package dev.analyzer.manager.batch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a queued batch is, as {@code results/batch/<id>/state.json} keeps it: written once, before
 * anything is published, so that {@code analyzer batch --resume ID} can rebuild the batch whatever
 * happened to the process or the batch file. What happened since (published, done) is in the
 * {@link BatchJournal}. Immutable.
 *
 * @param batchId the id the user resumes with
 * @param createdAt when the batch was created (its reports' start time)
 * @param batchFile the batch file it was read from (for the user; never read again)
 * @param queue the NATS servers it was queued on, without credentials
 * @param prefix the queue's names prefix (a resume must use the same one)
 * @param entries every entry of the batch file, in order
 */
public record BatchState(String batchId, Instant createdAt, String batchFile, String queue, String prefix,
    List<Entry> entries) {

  /** The format of state.json this version writes and reads. */
  public static final int VERSION = 1;

  public BatchState {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(prefix, "prefix");
    entries = List.copyOf(entries);
  }

  /**
   * One app of the batch.
   *
   * @param position its 1-based position in the batch file
   * @param source its source directory, or null
   * @param timeoutSeconds the deadline per analysis, or null
   * @param services every requested service name, in order
   * @param settled the services decided without queueing anything (a source that does not exist)
   * @param requests what is queued for the others
   */
  public record Entry(int position, String model, int app, String source, List<String> urls, List<String> tools,
      Integer timeoutSeconds, boolean allowMissing, List<String> services, List<Settled> settled,
      List<Queued> requests) {

    public Entry {
      urls = List.copyOf(urls);
      tools = List.copyOf(tools);
      services = List.copyOf(services);
      settled = List.copyOf(settled);
      requests = List.copyOf(requests);
    }
  }

  /**
   * A service of an entry settled without a request.
   *
   * @param state its outcome state ({@code refused})
   * @param detail why
   */
  public record Settled(String service, String state, String detail) {}

  /**
   * One queued request.
   *
   * @param service the service name
   * @param id the request id ({@code Nats-Msg-Id}), deterministic: {@code <batch id>-<position>-<service>}
   * @param after the id whose result must be in before this one is published (performance after the
   *     dynamic probe of the same app), or null
   * @param request the request frame as published (protocol JSON)
   */
  public record Queued(String service, String id, String after, String request) {}
}
