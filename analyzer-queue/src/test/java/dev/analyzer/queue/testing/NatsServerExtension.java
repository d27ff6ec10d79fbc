package dev.analyzer.queue.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one {@link NatsServerProcess} for a test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final NatsServerExtension NATS = new NatsServerExtension();
 * ... NATS.url() ...
 * }</pre>
 *
 * <p>When {@code nats-server} is not installed every test of the class is skipped (aborted) with
 * the reason. The server is always stopped after the class, and its store deleted. Each test should
 * use its own names prefix ({@link #uniquePrefix()}) so that tests never share streams.
 */
public final class NatsServerExtension implements BeforeAllCallback, AfterAllCallback {

  private static final java.util.concurrent.atomic.AtomicInteger PREFIXES = new java.util.concurrent.atomic.AtomicInteger();
  private volatile NatsServerProcess server;

  @Override
  public void beforeAll(ExtensionContext context) {
    Assumptions.assumeTrue(NatsServerProcess.findBinary().isPresent(),
        "nats-server is not installed (run scripts/install-tools.sh, or set NATS_SERVER): skipping queue tests");
    server = NatsServerProcess.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    NatsServerProcess s = server;
    server = null;
    if (s != null) {
      s.close();
    }
  }

  /** The running server. */
  public NatsServerProcess server() {
    NatsServerProcess s = server;
    if (s == null) {
      throw new IllegalStateException("the nats-server runs only between beforeAll and afterAll");
    }
    return s;
  }

  /** {@code nats://127.0.0.1:<port>} of the running server. */
  public String url() {
    return server().url();
  }

  /** A names prefix no other test of this JVM uses, such as {@code t7}. */
  public static String uniquePrefix() {
    return "t" + PREFIXES.incrementAndGet();
  }
}
