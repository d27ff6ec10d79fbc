package dev.analyzer.staticanalyzer.secrets;

/** Shannon entropy of a string, in bits per character, as gitleaks computes it. Stateless. */
public final class Entropy {

  private Entropy() {}

  public static double shannon(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    java.util.Map<Character, Integer> counts = new java.util.HashMap<>();
    for (int i = 0; i < s.length(); i++) {
      counts.merge(s.charAt(i), 1, Integer::sum);
    }
    double h = 0;
    for (int c : counts.values()) {
      double p = (double) c / s.length();
      h -= p * (Math.log(p) / Math.log(2));
    }
    return h;
  }
}
