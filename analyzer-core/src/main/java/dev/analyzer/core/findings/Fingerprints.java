package dev.analyzer.core.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stable finding fingerprints: the same issue at the same place gets the same fingerprint across
 * runs, and the same rule in two files never collides (the original's ids had no file path).
 *
 * <p>The input is the rule id, the location's file or URL, and the evidence with whitespace
 * collapsed; the line number is used only when there is no evidence, so a finding keeps its
 * fingerprint when unrelated lines above it move. Stateless and thread-safe.
 */
public final class Fingerprints {

  private static final int HEX_CHARS = 32;

  private Fingerprints() {}

  /**
   * @param ruleId the rule that fired (a merged finding uses a shared key such as its CWE)
   * @param location where, or {@code null} for a finding about the whole target
   * @param evidence the offending snippet, or {@code null}
   * @return 32 lowercase hex characters
   */
  public static String of(String ruleId, Location location, String evidence) {
    StringBuilder in = new StringBuilder(128);
    in.append(ruleId == null ? "" : ruleId.toLowerCase(Locale.ROOT)).append('\u0000');
    if (location != null) {
      in.append(location.subject()).append('\u0000');
    }
    String normalized = evidence == null ? "" : evidence.strip().replaceAll("\\s+", " ");
    if (normalized.isEmpty() && location != null && location.line() != null) {
      in.append("line:").append(location.line());
    } else {
      in.append(normalized);
    }
    return sha256Hex(in.toString()).substring(0, HEX_CHARS);
  }

  static String sha256Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JRE", e);
    }
  }
}
