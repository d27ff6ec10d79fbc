package dev.analyzer.manager.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a queued batch is kept: {@code <results>/batch/<id>/state.json} (the {@link BatchState},
 * written atomically once, before anything is published) and {@code journal.jsonl} next to it (the
 * {@link BatchJournal}). {@link #create} starts a batch, {@link #open} loads one to resume it.
 *
 * <p>Thread-safe for the journal's appends. One process should run a batch at a time; close the
 * store when it stops.
 */
public final class BatchStore implements AutoCloseable {

  /** A batch id: also a directory name and part of every request id (a NATS subject token). */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
  static final String STATE = "state.json";
  static final String JOURNAL = "journal.jsonl";

  private final Path dir;
  private final BatchState state;
  private final BatchJournal.Replay replay;
  private final BatchJournal journal;
  private final boolean resumed;

  private BatchStore(Path dir, BatchState state, BatchJournal.Replay replay, BatchJournal journal, boolean resumed) {
    this.resumed = resumed;
    this.dir = dir;
    this.state = state;
    this.replay = replay;
    this.journal = journal;
  }

  /** {@code <results>/batch/<id>}. */
  public static Path directory(Path results, String id) {
    return results.resolve("batch").resolve(checkId(id));
  }

  /**
   * Writes {@code state} (atomically) and an empty journal: from here on, the batch can be resumed.
   *
   * @throws FileAlreadyExistsException when a batch with this id exists
   */
  public static BatchStore create(Path results, BatchState state) throws IOException {
    Path dir = directory(results, state.batchId());
    if (Files.exists(dir.resolve(STATE))) {
      throw new FileAlreadyExistsException(dir.resolve(STATE).toString(), null, "a batch with this id exists");
    }
    Files.createDirectories(dir);
    AtomicFile.write(dir.resolve(STATE), BatchStateJson.write(state));
    return new BatchStore(dir, state, new BatchJournal.Replay(Set.of(), Map.of()), BatchJournal.open(dir.resolve(JOURNAL)),
        false);
  }

  /**
   * Loads batch {@code id} for a resume.
   *
   * @throws BatchStateException when no batch has this id (naming the known ones), or its state or
   *     journal is corrupt (naming the file and the problem)
   */
  public static BatchStore open(Path results, String id) throws IOException {
    if (id == null || !ID.matcher(id).matches()) {
      throw new BatchStateException("--resume: \"" + id + "\" is not a batch id (letters, digits and -, as printed by "
          + "analyzer batch --queue)");
    }
    Path dir = directory(results, id);
    Path stateFile = dir.resolve(STATE);
    if (!Files.isRegularFile(stateFile)) {
      List<String> known = known(results);
      throw new BatchStateException("no batch " + id + " under " + results.resolve("batch") + " ("
          + (known.isEmpty() ? "it has no queued batches" : "known: " + String.join(", ", known)) + ")"
          + "; give --out DIR when the batch wrote its results elsewhere");
    }
    BatchState state = BatchStateJson.read(Files.readAllBytes(stateFile), stateFile);
    if (!state.batchId().equals(id)) {
      throw BatchStateJson.corrupt(stateFile, "it is the state of batch " + state.batchId() + ", not " + id);
    }
    BatchJournal.Replay replay = BatchJournal.replay(dir.resolve(JOURNAL));
    Set<String> ids = new java.util.HashSet<>();
    state.entries().forEach(e -> e.requests().forEach(q -> ids.add(q.id())));
    for (String p : replay.published()) {
      if (!ids.contains(p)) {
        throw new BatchStateException("batch journal " + dir.resolve(JOURNAL) + " is corrupt: it names request " + p
            + ", which is not in " + STATE);
      }
    }
    for (Integer position : replay.done().keySet()) {
      if (state.entries().stream().noneMatch(e -> e.position() == position)) {
        throw new BatchStateException("batch journal " + dir.resolve(JOURNAL) + " is corrupt: entry " + position
            + " is done but " + STATE + " has no such entry");
      }
    }
    return new BatchStore(dir, state, replay, BatchJournal.open(dir.resolve(JOURNAL)), true);
  }

  /** The ids of the queued batches under {@code results}, sorted (at most 20). */
  public static List<String> known(Path results) throws IOException {
    Path batches = results.resolve("batch");
    if (!Files.isDirectory(batches)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(batches)) {
      return s.filter(p -> Files.isRegularFile(p.resolve(STATE))).map(p -> p.getFileName().toString()).sorted()
          .limit(20).toList();
    }
  }

  public Path directory() {
    return dir;
  }

  public BatchState state() {
    return state;
  }

  /** The request ids the journal had as published when the store was opened. */
  public Set<String> published() {
    return replay.published();
  }

  /** The summary rows of the entries the journal had as done when the store was opened. */
  public Map<Integer, JsonNode> done() {
    return replay.done();
  }

  /** True when it was {@link #open opened} to resume, false when it was just {@link #create created}. */
  public boolean resumed() {
    return resumed;
  }

  public BatchJournal journal() {
    return journal;
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }

  private static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a batch id: " + id);
    }
    return id;
  }
}
