package dev.analyzer.manager.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What happened to a queued batch since its {@link BatchState} was written: one JSON line per
 * event, appended and forced to the disk before the call returns ({@code journal.jsonl}):
 * {@code {"published": [ids]}} once the stream confirmed those requests, {@code {"done": position,
 * "row": {...}}} once an entry's report is written. Appending is O(1) whatever the batch's size.
 *
 * <p>A kill -9 during an append leaves at most a last line without its newline: {@link #replay}
 * ignores it and {@link #open} cuts it off, so the event counts as not happened (which a resume
 * repeats harmlessly: a publish is deduplicated, a report rewritten in place). Any other line that
 * cannot be read is corruption, reported with its line number.
 *
 * <p>Thread-safe (appends are serialized). Close it when the batch stops.
 */
public final class BatchJournal implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a journal says.
   *
   * @param published the request ids the stream confirmed
   * @param done per entry position, the summary row of its written report
   */
  public record Replay(Set<String> published, Map<Integer, JsonNode> done) {}

  private final FileChannel channel;

  private BatchJournal(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Opens {@code file} for appending (creating it), first cutting off a torn last line. Holds an
   * exclusive lock on it until closed (the system releases it when the process dies, even by kill -9).
   *
   * @throws BatchStateException when another process holds it (runs the same batch)
   */
  public static BatchJournal open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (ch.tryLock() == null) {
        throw new BatchStateException("batch journal " + file + " is held by another process: that batch is running "
            + "there (stop it first, or let it finish)");
      }
      // read through this channel: closing another descriptor of the file would drop the lock (POSIX)
      ByteBuffer content = ByteBuffer.allocate((int) ch.size());
      while (content.hasRemaining() && ch.read(content, content.position()) >= 0) {
        // reads until full
      }
      long complete = completeLength(content.array());
      if (complete < ch.size()) {
        ch.truncate(complete);
        ch.force(true);
      }
      ch.position(complete);
      return new BatchJournal(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Reads {@code file} (absent: nothing happened yet).
   *
   * @throws BatchStateException naming the line that cannot be read
   */
  public static Replay replay(Path file) throws IOException {
    Set<String> published = new LinkedHashSet<>();
    Map<Integer, JsonNode> done = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return new Replay(published, done);
    }
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, 0, (int) completeLength(bytes), StandardCharsets.UTF_8);
    int line = 0;
    for (String l : text.split("\n", -1)) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(l);
      } catch (IOException e) {
        throw corrupt(file, line, "it is not JSON");
      }
      if (n != null && n.path("published").isArray()) {
        for (JsonNode id : n.get("published")) {
          if (!id.isTextual()) {
            throw corrupt(file, line, "\"published\" must list request ids");
          }
          published.add(id.asText());
        }
      } else if (n != null && n.path("done").isInt() && n.path("row").isObject()) {
        done.put(n.get("done").asInt(), n.get("row"));
      } else {
        throw corrupt(file, line, "it is neither {\"published\": [...]} nor {\"done\": N, \"row\": {...}}");
      }
    }
    return new Replay(published, done);
  }

  /** Records that the stream confirmed {@code ids}; returns once it is on the disk. */
  public void published(Collection<String> ids) throws IOException {
    if (ids.isEmpty()) {
      return;
    }
    ObjectNode n = JSON.createObjectNode();
    ids.forEach(n.putArray("published")::add);
    append(n);
  }

  /** Records that the report of entry {@code position} is written, with its summary row. */
  public void done(int position, JsonNode row) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("done", position);
    n.set("row", row);
    append(n);
  }

  private synchronized void append(ObjectNode n) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap((JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  /** The length up to and including the last newline: what was appended whole. */
  private static long completeLength(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  private static BatchStateException corrupt(Path file, int line, String why) {
    return new BatchStateException("batch journal " + file + " is corrupt at line " + line + ": " + why);
  }
}
