package dev.analyzer.ai.retrieval;

import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.code.CodeChunk;
import dev.analyzer.ai.code.CodeFact;
import dev.analyzer.ai.code.FactExtractor;
import dev.analyzer.ai.code.SourceFile;
import dev.analyzer.ai.code.Words;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One app ready for review: its source, facts, chunks, embedding index, and the stemmed words each
 * side (frontend, backend) contains. Built once per analysis and shared by the reviewers and the
 * quality scorer. Immutable; thread-safe.
 */
public final class IndexedApp {

  /** Which part of an app a file belongs to. */
  public enum Side { FRONTEND, BACKEND }

  private final AppSource source;
  private final List<CodeFact> facts;
  private final List<CodeChunk> chunks;
  private final EmbeddingIndex index;
  private final Set<String> frontendStems = new HashSet<>();
  private final Set<String> backendStems = new HashSet<>();

  private IndexedApp(AppSource source, List<CodeFact> facts, List<CodeChunk> chunks, EmbeddingIndex index) {
    this.source = source;
    this.facts = List.copyOf(facts);
    this.chunks = List.copyOf(chunks);
    this.index = index;
    for (SourceFile f : source.files()) {
      Set<String> into = side(f.path()) == Side.FRONTEND ? frontendStems : backendStems;
      for (String line : f.lines()) {
        into.addAll(Words.codeStems(line));
      }
    }
  }

  /** Extracts facts and chunks from {@code source} and embeds them with {@code embedder}. */
  public static IndexedApp build(AppSource source, Embedder embedder) {
    return build(source, embedder, () -> false);
  }

  /**
   * As {@link #build(AppSource, Embedder)}, checking {@code stop} between files and embedding batches.
   *
   * @throws dev.analyzer.ai.code.IndexingStopped once {@code stop} is true
   */
  public static IndexedApp build(AppSource source, Embedder embedder, java.util.function.BooleanSupplier stop) {
    List<CodeFact> facts = FactExtractor.extract(source, stop);
    List<CodeChunk> chunks = CodeChunk.of(source);
    return new IndexedApp(source, facts, chunks, EmbeddingIndex.build(facts, chunks, embedder, stop));
  }

  /** The side of the file at relative {@code path}: frontend for UI directories and UI file types. */
  public static Side side(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.startsWith("frontend/") || p.startsWith("client/") || p.startsWith("web/") || p.contains("/components/")
        || p.endsWith(".jsx") || p.endsWith(".tsx") || p.endsWith(".vue") || p.endsWith(".svelte")
        || p.endsWith(".html") || p.endsWith(".css")) {
      return Side.FRONTEND;
    }
    return Side.BACKEND;
  }

  /** Stems found anywhere on {@code side}, or on both sides when null. */
  public boolean contains(Side side, String stem) {
    if (side == null) {
      return frontendStems.contains(stem) || backendStems.contains(stem);
    }
    return (side == Side.FRONTEND ? frontendStems : backendStems).contains(stem);
  }

  public AppSource source() {
    return source;
  }

  public List<CodeFact> facts() {
    return facts;
  }

  public List<CodeChunk> chunks() {
    return chunks;
  }

  public EmbeddingIndex index() {
    return index;
  }
}
