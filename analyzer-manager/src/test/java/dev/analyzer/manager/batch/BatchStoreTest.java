package dev.analyzer.manager.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ProtocolCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file of a queued batch: written whole before anything is published, read back strictly. */
class BatchStoreTest {

  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final String ID = "20261202-074512-3fa9c1";

  @TempDir
  Path results;

  static BatchState state(String id) {
    AnalysisRequest st = AnalysisRequest.builder(AnalysisKind.STATIC).withId(id + "-1-static").withModelSlug("m")
        .withAppNumber(1).withSourcePath("/apps/m/app1").withTimestamp(Instant.parse("2026-12-02T07:45:12Z")).build();
    AnalysisRequest dyn = AnalysisRequest.builder(AnalysisKind.DYNAMIC).withId(id + "-2-dynamic").withModelSlug("m")
        .withAppNumber(2).withTargetUrls(List.of("http://127.0.0.1:5055")).build();
    AnalysisRequest perf = AnalysisRequest.builder(AnalysisKind.PERFORMANCE).withId(id + "-2-performance")
        .withModelSlug("m").withAppNumber(2).withTargetUrls(List.of("http://127.0.0.1:5055")).build();
    return new BatchState(id, Instant.parse("2026-12-02T07:45:12Z"), "/work/apps.json", "nats://127.0.0.1:4222",
        "analyzer", List.of(
            new BatchState.Entry(1, "m", 1, "/apps/m/app1", List.of(), List.of("secrets"), 600, false,
                List.of("static", "ai"), List.of(new BatchState.Settled("ai", "refused", "source /x does not exist")),
                List.of(new BatchState.Queued("static", st.id(), null, CODEC.encode(st)))),
            new BatchState.Entry(2, "m", 2, null, List.of("http://127.0.0.1:5055"), List.of(), null, true,
                List.of("dynamic", "performance"), List.of(),
                List.of(new BatchState.Queued("dynamic", dyn.id(), null, CODEC.encode(dyn)),
                    new BatchState.Queued("performance", perf.id(), dyn.id(), CODEC.encode(perf))))));
  }

  private Path stateFile() {
    return BatchStore.directory(results, ID).resolve("state.json");
  }

  @Test
  void theStateIsWrittenBeforeAnyEventAndReadsBackTheSame() throws Exception {
    BatchState written = state(ID);
    try (BatchStore store = BatchStore.create(results, written)) {
      assertThat(stateFile()).isRegularFile();
    }

    try (BatchStore store = BatchStore.open(results, ID)) {
      BatchState read = store.state();
      assertThat(read.entries()).hasSize(2);
      assertThat(read.entries().get(0).settled()).containsExactly(new BatchState.Settled("ai", "refused",
          "source /x does not exist"));
      assertThat(read.entries().get(1).requests().get(1).after()).isEqualTo(ID + "-2-dynamic");
      assertThat(read.entries().get(0).timeoutSeconds()).isEqualTo(600);
      assertThat(read.entries().get(1).timeoutSeconds()).isNull();
      assertThat(CODEC.decode(read.entries().get(0).requests().get(0).request()))
          .isEqualTo(CODEC.decode(written.entries().get(0).requests().get(0).request()));
      assertThat(read).usingRecursiveComparison().ignoringFields("entries.requests.request").isEqualTo(written);
      assertThat(store.published()).isEmpty();
      assertThat(store.done()).isEmpty();
    }
  }

  @Test
  void aSecondBatchWithTheSameIdIsRefused() throws Exception {
    BatchStore.create(results, state(ID)).close();
    assertThatThrownBy(() -> BatchStore.create(results, state(ID))).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
  }

  @Test
  void anAtomicWriteReplacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
    Path f = results.resolve("x/state.json");
    AtomicFile.write(f, "{\"old\": true}".getBytes(StandardCharsets.UTF_8));
    AtomicFile.write(f, "{\"new\": true}".getBytes(StandardCharsets.UTF_8));

    assertThat(f).hasContent("{\"new\": true}");
    try (Stream<Path> files = Files.list(f.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
    }
  }

  @Test
  void aWriteKilledBeforeItsRenameLeavesTheOldStateReadable() throws Exception {
    BatchStore.create(results, state(ID)).close();
    // what a kill -9 in the middle of AtomicFile.write leaves: a half temporary file next to the state
    Files.writeString(stateFile().resolveSibling(".state.json.123.tmp"), "{\"version\": 1, \"batch_id\": \"20261");

    try (BatchStore store = BatchStore.open(results, ID)) {
      assertThat(store.state().entries()).hasSize(2);
    }
  }

  @Test
  void aTruncatedStateFileIsACorruptionNamingTheFile() throws Exception {
    BatchStore.create(results, state(ID)).close();
    String whole = Files.readString(stateFile());
    Files.writeString(stateFile(), whole.substring(0, whole.length() / 2));

    assertThatThrownBy(() -> BatchStore.open(results, ID)).isInstanceOf(BatchStateException.class)
        .hasMessageStartingWith("batch state " + stateFile() + " is corrupt: it is not valid JSON");
  }

  @Test
  void aStateWithABrokenFieldNamesTheEntryAndTheField() throws Exception {
    BatchStore.create(results, state(ID)).close();
    Files.writeString(stateFile(), Files.readString(stateFile()).replace("\"app\" : 2", "\"app\" : \"two\""));

    assertThatThrownBy(() -> BatchStore.open(results, ID)).isInstanceOf(BatchStateException.class)
        .hasMessage("batch state " + stateFile() + " is corrupt: entry 2: \"app\" must be a whole number, got \"two\"");
  }

  @Test
  void aRequestFrameOfAnotherKindOrIdIsACorruption() throws Exception {
    BatchStore.create(results, state(ID)).close();
    Files.writeString(stateFile(), Files.readString(stateFile()).replace("\"type\" : \"static_analyze\"",
        "\"type\" : \"ai_analyze\""));

    assertThatThrownBy(() -> BatchStore.open(results, ID)).isInstanceOf(BatchStateException.class)
        .hasMessageContaining("entry 1: request " + ID + "-1-static is not a static request with that id");
  }

  @Test
  void anotherVersionIsNamed() throws Exception {
    BatchStore.create(results, state(ID)).close();
    Files.writeString(stateFile(), Files.readString(stateFile()).replace("\"version\" : 1", "\"version\" : 7"));

    assertThatThrownBy(() -> BatchStore.open(results, ID)).hasMessageContaining("\"version\" must be 1, got 7");
  }

  @Test
  void anUnknownIdNamesTheKnownBatchesAndAPathIsNoId() throws Exception {
    BatchStore.create(results, state(ID)).close();

    assertThatThrownBy(() -> BatchStore.open(results, "20990101-000000-000000")).isInstanceOf(BatchStateException.class)
        .hasMessageStartingWith("no batch 20990101-000000-000000 under " + results.resolve("batch") + " (known: " + ID + ")");
    assertThatThrownBy(() -> BatchStore.open(results, "../../etc")).isInstanceOf(BatchStateException.class)
        .hasMessageContaining("is not a batch id");
  }

  @Test
  void theJournalReplaysPublishedAndDoneAndCutsOffATornLastLine() throws Exception {
    try (BatchStore store = BatchStore.create(results, state(ID))) {
      store.journal().published(List.of(ID + "-1-static", ID + "-2-dynamic"));
      store.journal().done(1, new ObjectMapper().valueToTree(Map.of("position", 1, "status", "completed")));
    }
    Path journal = stateFile().resolveSibling("journal.jsonl");
    // a kill -9 in the middle of an append
    Files.writeString(journal, "{\"published\":[\"" + ID + "-2-perf", java.nio.file.StandardOpenOption.APPEND);

    try (BatchStore store = BatchStore.open(results, ID)) {
      assertThat(store.published()).containsExactly(ID + "-1-static", ID + "-2-dynamic");
      assertThat(store.done()).containsOnlyKeys(1);
      assertThat(store.done().get(1).get("status").asText()).isEqualTo("completed");
      store.journal().published(List.of(ID + "-2-performance"));
    }
    try (BatchStore store = BatchStore.open(results, ID)) {
      assertThat(store.published()).as("the torn line was cut off before the next append")
          .containsExactly(ID + "-1-static", ID + "-2-dynamic", ID + "-2-performance");
    }
  }

  @Test
  void aBrokenJournalLineInTheMiddleIsACorruptionWithItsLineNumber() throws Exception {
    try (BatchStore store = BatchStore.create(results, state(ID))) {
      store.journal().published(List.of(ID + "-1-static"));
    }
    Path journal = stateFile().resolveSibling("journal.jsonl");
    Files.writeString(journal, "{\"publ\n{\"published\":[\"" + ID + "-2-dynamic\"]}\n");

    assertThatThrownBy(() -> BatchStore.open(results, ID)).isInstanceOf(BatchStateException.class)
        .hasMessage("batch journal " + journal + " is corrupt at line 1: it is not JSON");
  }

  @Test
  void aJournalNamingARequestTheStateLacksIsACorruption() throws Exception {
    try (BatchStore store = BatchStore.create(results, state(ID))) {
      store.journal().published(List.of("someone-else-1-static"));
    }

    assertThatThrownBy(() -> BatchStore.open(results, ID)).isInstanceOf(BatchStateException.class)
        .hasMessageContaining("it names request someone-else-1-static, which is not in state.json");
  }

  @Test
  void aBatchRunningInAnotherProcessCannotBeOpenedTwice() throws Exception {
    BatchStore.create(results, state(ID)).close();
    Path journal = stateFile().resolveSibling("journal.jsonl");
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), JournalHolder.class.getName(), journal.toString())
        .redirectErrorStream(true).start();
    try {
      assertThat(new String(holder.getInputStream().readNBytes(7), StandardCharsets.UTF_8)).isEqualTo("locked\n");

      assertThatThrownBy(() -> BatchStore.open(results, ID)).isInstanceOf(BatchStateException.class)
          .hasMessageContaining("is held by another process");
    } finally {
      holder.destroyForcibly().waitFor();
    }
    try (BatchStore store = BatchStore.open(results, ID)) {
      assertThat(store.resumed()).as("the lock went with the killed process").isTrue();
    }
  }

  /** Holds a batch journal open, as a running batch does, until killed. */
  static final class JournalHolder {
    public static void main(String[] args) throws Exception {
      try (BatchJournal j = BatchJournal.open(Path.of(args[0]))) {
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
      }
    }
  }
}
