package dev.analyzer.service.testing;

import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of scenario tests: a real {@link ScriptedService} server on port 0 per test, with a temporary
 * source root, stopped after the test. Override {@link #settings(Path)} to change its settings.
 */
public abstract class RunningServerTest {

  protected final ProtocolCodec codec = ProtocolCodec.create();
  protected AnalyzerServer server;
  @TempDir
  protected Path root;

  /** The settings of the server under test; default {@link Servers#settings(Path)}. */
  protected ServiceSettings settings(Path sourceRoot) {
    return Servers.settings(sourceRoot);
  }

  @BeforeEach
  void startServer() {
    server = Servers.start(new ScriptedService(), settings(root));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }
}
