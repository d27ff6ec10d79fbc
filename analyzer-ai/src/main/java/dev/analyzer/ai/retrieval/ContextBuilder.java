package dev.analyzer.ai.retrieval;

import dev.analyzer.ai.code.CodeChunk;
import dev.analyzer.ai.code.SourceFile;
import dev.analyzer.ai.requirements.Requirement;
import dev.analyzer.ai.retrieval.IndexedApp.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Retrieval, not truncation: the code a model sees for one requirement is chosen by relevance from
 * the embedding index (facts pull in the lines around them, chunks come whole), best first, within
 * a character budget, each piece headed by its path and line numbers and numbered line by line so
 * the model can cite {@code file:line}. Overlapping pieces of one file are merged. Stateless.
 */
public final class ContextBuilder {

  static final int CANDIDATES = 40;
  static final int AROUND_FACT = 10;

  private ContextBuilder() {}

  /** The pieces for {@code r} within {@code maxChars}, in file and line order. */
  public static List<CodeChunk> select(Requirement r, IndexedApp app, int maxChars) {
    String c = r.category().toLowerCase(Locale.ROOT);
    Side side = c.startsWith("back") ? Side.BACKEND : c.startsWith("front") ? Side.FRONTEND : null;
    List<EmbeddingIndex.Hit> hits = app.index().search(app.index().embed(r.text()), CANDIDATES,
        e -> side == null || IndexedApp.side(e.file()) == side);
    if (hits.size() < 5 && side != null) {
      hits = app.index().search(app.index().embed(r.text()), CANDIDATES, e -> true);
    }
    List<CodeChunk> chosen = new ArrayList<>();
    int used = 0;
    for (EmbeddingIndex.Hit h : hits) {
      CodeChunk piece = h.entry().chunk() != null ? h.entry().chunk() : around(app, h.entry().fact().file(),
          h.entry().fact().line());
      if (piece == null || covered(chosen, piece)) {
        continue;
      }
      int cost = piece.headed().length();
      if (used + cost > maxChars) {
        continue;
      }
      chosen.add(piece);
      used += cost;
    }
    return merge(chosen);
  }

  /** All pieces as one text. */
  public static String render(List<CodeChunk> pieces) {
    StringBuilder b = new StringBuilder();
    pieces.forEach(p -> b.append(p.headed()).append('\n'));
    return b.toString();
  }

  private static CodeChunk around(IndexedApp app, String file, int line) {
    SourceFile f = app.source().file(file).orElse(null);
    if (f == null) {
      return null;
    }
    int from = Math.max(1, line - AROUND_FACT / 2);
    int to = Math.min(f.lines().size(), line + AROUND_FACT);
    return new CodeChunk(file, from, to, f.text(from, to));
  }

  private static boolean covered(List<CodeChunk> chosen, CodeChunk p) {
    return chosen.stream().anyMatch(c -> c.file().equals(p.file()) && c.startLine() <= p.startLine()
        && c.endLine() >= p.endLine());
  }

  private static List<CodeChunk> merge(List<CodeChunk> pieces) {
    List<CodeChunk> sorted = new ArrayList<>(pieces);
    sorted.sort(Comparator.comparing(CodeChunk::file).thenComparingInt(CodeChunk::startLine));
    List<CodeChunk> out = new ArrayList<>();
    for (CodeChunk p : sorted) {
      CodeChunk last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.file().equals(p.file()) && p.startLine() <= last.endLine() + 1) {
        int end = Math.max(last.endLine(), p.endLine());
        String text = last.text();
        if (p.endLine() > last.endLine()) {
          String[] lines = p.text().split("\n", -1);
          StringBuilder b = new StringBuilder(text);
          for (int i = last.endLine() + 1 - p.startLine(); i < lines.length; i++) {
            b.append('\n').append(lines[i]);
          }
          text = b.toString();
        }
        out.set(out.size() - 1, new CodeChunk(p.file(), last.startLine(), end, text));
      } else {
        out.add(p);
      }
    }
    return out;
  }
}
