package dev.analyzer.ai.retrieval;

import dev.analyzer.ai.code.CodeChunk;
import dev.analyzer.ai.code.CodeFact;
import dev.analyzer.ai.code.IndexingStopped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Facts and chunks of one app with their embeddings; answers "which of them are closest to this
 * text" by cosine similarity (exhaustive: an app has hundreds of entries, not millions).
 * Immutable after {@link #build}; thread-safe.
 */
public final class EmbeddingIndex {

  /**
   * One indexed entry: a fact or a chunk.
   *
   * @param fact the fact, or null for a chunk
   * @param chunk the chunk, or null for a fact
   */
  public record Entry(CodeFact fact, CodeChunk chunk, float[] vector) {

    public String file() {
      return fact != null ? fact.file() : chunk.file();
    }

    /** What the embedding saw. */
    public String text() {
      return fact != null ? fact.summary() + " " + fact.snippet() : chunk.text();
    }
  }

  /** An entry and its similarity to the query. */
  public record Hit(Entry entry, double score) {}

  private final List<Entry> entries;
  private final Embedder embedder;

  private EmbeddingIndex(List<Entry> entries, Embedder embedder) {
    this.entries = List.copyOf(entries);
    this.embedder = embedder;
  }

  /** Embeds every fact (its summary and line) and chunk. */
  public static EmbeddingIndex build(List<CodeFact> facts, List<CodeChunk> chunks, Embedder embedder) {
    return build(facts, chunks, embedder, () -> false);
  }

  /** Texts embedded between two checks of the stop condition. */
  static final int BATCH = 64;

  /**
   * Embeds every fact and chunk, {@link #BATCH} at a time, checking {@code stop} before each batch.
   *
   * @throws IndexingStopped once {@code stop} is true
   */
  public static EmbeddingIndex build(List<CodeFact> facts, List<CodeChunk> chunks, Embedder embedder,
      BooleanSupplier stop) {
    List<String> texts = new ArrayList<>();
    facts.forEach(f -> texts.add(f.summary() + " " + f.snippet()));
    chunks.forEach(c -> texts.add(c.file() + "\n" + c.text()));
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i += BATCH) {
      IndexingStopped.check(stop);
      vectors.addAll(embedder.embed(texts.subList(i, Math.min(texts.size(), i + BATCH))));
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < facts.size(); i++) {
      entries.add(new Entry(facts.get(i), null, vectors.get(i)));
    }
    for (int i = 0; i < chunks.size(); i++) {
      entries.add(new Entry(null, chunks.get(i), vectors.get(facts.size() + i)));
    }
    return new EmbeddingIndex(entries, embedder);
  }

  /** The embedding of {@code text}. */
  public float[] embed(String text) {
    return embedder.embed(List.of(text)).get(0);
  }

  /** The {@code k} entries closest to {@code query} among those {@code filter} accepts, best first. */
  public List<Hit> search(float[] query, int k, Predicate<Entry> filter) {
    List<Hit> hits = new ArrayList<>();
    for (Entry e : entries) {
      if (filter.test(e)) {
        hits.add(new Hit(e, dot(query, e.vector())));
      }
    }
    hits.sort(Comparator.comparingDouble(Hit::score).reversed());
    return hits.size() > k ? List.copyOf(hits.subList(0, k)) : hits;
  }

  public List<Entry> entries() {
    return entries;
  }

  public String embedderName() {
    return embedder.name();
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
