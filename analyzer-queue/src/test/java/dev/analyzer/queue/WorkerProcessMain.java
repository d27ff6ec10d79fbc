package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A queue worker in its own JVM, for tests that kill it. Arguments: {@code url prefix ackWaitMillis
 * maxDeliver maxConcurrent mode logFile kind}; mode {@code echo} answers at once, {@code hang}
 * never answers (its in-progress acks keep the requests until the process dies). Each handled
 * request appends {@code started <id>} to the log file. SIGTERM drains (5 s grace) and exits 0.
 */
public final class WorkerProcessMain {

  private WorkerProcessMain() {}

  public static void main(String[] args) throws Exception {
    QueueSettings settings = QueueSettings.builder(args[0]).withPrefix(args[1])
        .withAckWait(Duration.ofMillis(Long.parseLong(args[2]))).withMaxDeliver(Integer.parseInt(args[3]))
        .withNakDelay(Duration.ZERO).build();
    int maxConcurrent = Integer.parseInt(args[4]);
    String mode = args[5];
    Path log = Path.of(args[6]);
    AnalysisKind kind = AnalysisKind.valueOf(args[7]);
    String name = "worker-" + ProcessHandle.current().pid();
    QueueConnection connection = QueueConnection.open(settings, name);
    QueueHandler handler = (request, progress, cancel) -> {
      append(log, "started " + request.id());
      return "hang".equals(mode) ? new CompletableFuture<>() : CompletableFuture.completedFuture(result(request, name));
    };
    QueueWorker worker = QueueWorker.builder(connection).withHandler(handler).withKind(kind)
        .withMaxConcurrent(maxConcurrent).withFetchWait(Duration.ofMillis(200)).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      DrainOutcome outcome = worker.drain(Duration.ofSeconds(5));
      append(log, "drained " + outcome.finished() + " " + outcome.handedBack());
      connection.close();
      Runtime.getRuntime().halt(0);
    }));
    worker.start();
    append(log, "ready " + name);
    Thread.currentThread().join();
  }

  private static AnalysisResult result(AnalysisRequest request, String name) {
    return QueueTestSupport.success(request, name);
  }

  private static synchronized void append(Path log, String line) {
    try {
      Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
