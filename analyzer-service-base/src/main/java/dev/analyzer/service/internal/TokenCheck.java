package dev.analyzer.service.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares a presented bearer token with the configured one in time that depends on neither's
 * content nor length: both are hashed (SHA-256) and the digests compared with
 * {@link MessageDigest#isEqual}, which does not stop at the first difference. Stateless.
 */
final class TokenCheck {

  private TokenCheck() {}

  static boolean matches(String presented, String expected) {
    return MessageDigest.isEqual(sha256(presented), sha256(expected));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
