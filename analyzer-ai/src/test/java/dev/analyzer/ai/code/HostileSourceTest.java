package dev.analyzer.ai.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.ai.retrieval.Embedder;
import dev.analyzer.ai.retrieval.EmbeddingIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Review finding 3: one huge line, a huge app, and a cancel while indexing. */
class HostileSourceTest {

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aMinifiedSixtyFourKilobyteLineIsCutBeforeAnyPatternSeesIt() throws Exception {
    String hostile = "bp = Blueprint(" + "register_blueprint(bp, x".repeat(2700);
    Files.writeString(dir.resolve("app.py"), hostile + "\n@app.route('/api/ok')\ndef ok():\n    return 'ok'\n");

    AppSource app = AppSource.read(dir, 100, 1 << 20);
    List<CodeFact> facts = FactExtractor.extract(app);

    assertThat(hostile.length()).isGreaterThan(64_000);
    assertThat(app.files().get(0).lines().get(0)).hasSize(SourceFile.MAX_LINE_CHARS);
    assertThat(app.skipped()).containsEntry("long_lines_cut", 1);
    assertThat(facts).anyMatch(f -> f.kind() == CodeFact.Kind.ROUTE && f.summary().contains("/api/ok"));
  }

  @Test
  void filesPastTheAppByteCapAreSkippedAndCounted() throws Exception {
    for (int i = 0; i < 4; i++) {
      Files.writeString(dir.resolve("m" + i + ".py"), "x = 1\n".repeat(2000));
    }

    AppSource app = AppSource.read(dir, 100, 1 << 20, 25_000);

    assertThat(app.files()).hasSize(2);
    assertThat(app.skipped()).containsEntry("over_app_byte_limit", 2);
  }

  @Test
  void extractionAndEmbeddingStopWhenTheAnalysisIsCancelled() {
    AppSource app = AppSource.of(Path.of("."), List.of(new SourceFile("a.py", List.of("@app.route('/x')")),
        new SourceFile("b.py", List.of("@app.route('/y')"))));
    AtomicInteger checks = new AtomicInteger();

    assertThatThrownBy(() -> FactExtractor.extract(app, () -> checks.incrementAndGet() > 2))
        .isInstanceOf(IndexingStopped.class).hasMessageContaining("cancelled or passed its deadline");
    AtomicInteger embedded = new AtomicInteger();
    List<CodeChunk> chunks = CodeChunk.of(AppSource.of(Path.of("."), List.of(new SourceFile("c.py",
        java.util.Collections.nCopies(5000, "x = 1")))));
    AtomicInteger batches = new AtomicInteger();
    Embedder counting = new Embedder() {
      @Override
      public List<float[]> embed(List<String> texts) {
        embedded.addAndGet(texts.size());
        return texts.stream().map(t -> new float[] {1f}).toList();
      }

      @Override
      public int dimension() {
        return 1;
      }

      @Override
      public String name() {
        return "counting";
      }
    };
    assertThatThrownBy(() -> EmbeddingIndex.build(List.of(), chunks, counting, () -> batches.incrementAndGet() > 1))
        .isInstanceOf(IndexingStopped.class);
    assertThat(embedded.get()).isLessThan(chunks.size());
  }
}
