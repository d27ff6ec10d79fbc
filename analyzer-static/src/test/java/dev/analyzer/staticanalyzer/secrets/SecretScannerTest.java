package dev.analyzer.staticanalyzer.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.staticanalyzer.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each secret rule: a positive and a negative (placeholder, low entropy or allowlisted). */
class SecretScannerTest {

  @Test
  void providerKeysInTheCommittedEnvFileAreFound() throws Exception {
    List<Finding> f = SecretScanner.scan(".env", Fixtures.read("vulnerable", ".env"));

    assertThat(Fixtures.rulesAndLines(f)).contains("stripe-access-token@4", "aws-access-token@5", "github-token@6");
    assertThat(f).allSatisfy(x -> {
      assertThat(x.cwe()).isEqualTo("CWE-798");
      assertThat(x.evidence()).contains("*");
    });
    assertThat(f).noneSatisfy(x -> assertThat(x.evidence()).contains("AKIAQ3EGRL5TXMZ7NBKW"));
  }

  @Test
  void exampleFilesLockFilesAndVendoredCodeAreAllowlisted() {
    assertThat(SecretScanner.allowlisted(".env.example")).isTrue();
    assertThat(SecretScanner.allowlisted("frontend/package-lock.json")).isTrue();
    assertThat(SecretScanner.allowlisted("frontend/node_modules/x/index.js")).isTrue();
    assertThat(SecretScanner.allowlisted("backend/app.py")).isFalse();
  }

  @Test
  void awsExampleKeysAndLowEntropyValuesAreIgnored() {
    assertThat(SecretScanner.scan("a.py", "key = 'AKIAIOSFODNN7EXAMPLE'")).isEmpty();
    assertThat(SecretScanner.scan("a.py", "api_key = 'aaaaaaaaaaaaaaaaaaaa'")).isEmpty();
    assertThat(SecretScanner.scan("a.py", "api_key = 'your-api-key-goes-here-123'")).isEmpty();
    assertThat(SecretScanner.scan("a.py", "token = request.headers.get('Authorization')")).isEmpty();
  }

  @Test
  void eachProviderRuleHasAPositive() {
    String text = String.join("\n",
        "slack = 'xoxb-2419283746-1029384756-Zq8Wm3Kx9Lp2Vb7Nt4Rc'",
        "google = 'AIzaSyD9x8Kq2Lm4Np6Rt8Vx0Zb2Dc4Fg6Hj8Kl'",
        "-----BEGIN RSA PRIVATE KEY-----",
        "jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'",
        "or = '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'",
        "aws_secret_access_key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Wm3Kx9L'",
        "service_api_key = 'q8W3mK9xL2pV7bN4tR1c'");

    assertThat(Fixtures.rules(SecretScanner.scan("config.py", text))).contains("slack-token", "gcp-api-key",
        "private-key", "jwt", "openrouter-api-key", "aws-secret-access-key", "generic-api-key");
  }

  @Test
  void entropyIsShannonBitsPerCharacter() {
    assertThat(Entropy.shannon("aaaa")).isZero();
    assertThat(Entropy.shannon("abcd")).isEqualTo(2.0);
  }
}
