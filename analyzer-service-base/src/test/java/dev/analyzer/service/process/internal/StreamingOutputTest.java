package dev.analyzer.service.process.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.service.process.OutputLine;
import dev.analyzer.service.process.OutputLine.Stream;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessResult.Termination;
import dev.analyzer.service.process.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: lines reach the listener while the tool runs, bounded, per stream. */
class StreamingOutputTest {

  private final ExecutorService io = Executors.newCachedThreadPool();
  private final ProcessScope scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE);
  private final ScopedProcessRunner runner = new ScopedProcessRunner(scope, io, ProcessTrees.DEFAULT_GRACE);
  private final List<OutputLine> lines = new CopyOnWriteArrayList<>();

  @TempDir
  Path tmp;

  @AfterEach
  void tearDown() {
    scope.close();
    io.shutdownNow();
  }

  @Test
  void theFirstLineArrivesWhileTheProcessStillRuns() throws Exception {
    // given a tool that prints a line, then waits until the test has seen it
    Path gate = tmp.resolve("gate");
    CountDownLatch firstLine = new CountDownLatch(1);
    AtomicLong firstLineAt = new AtomicLong();
    ProcessSpec spec = ProcessSpec.of("sh", "-c", "echo a; while [ ! -e \"$1\" ]; do sleep 0.02; done; echo b",
        "sh", gate.toString()).withTimeout(Duration.ofSeconds(20)).onLine(line -> {
          lines.add(line);
          if (line.text().equals("a")) {
            firstLineAt.set(System.nanoTime());
            firstLine.countDown();
          }
        });

    // when it runs
    CompletableFuture<ProcessResult> run = CompletableFuture.supplyAsync(() -> runner.run(spec), io);

    // then "a" arrives before the process can end, and "b" after
    assertThat(firstLine.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(run).isNotDone();
    Files.createFile(gate);
    ProcessResult r = run.get(20, TimeUnit.SECONDS);
    long endedAt = System.nanoTime();
    assertThat(firstLineAt.get()).isLessThan(endedAt);
    assertThat(r.termination()).isEqualTo(Termination.EXITED);
    assertThat(lines).containsExactly(new OutputLine(Stream.STDOUT, "a", false),
        new OutputLine(Stream.STDOUT, "b", false));
    assertThat(r.stdout()).isEqualTo("a\nb\n");
  }

  @Test
  void aSleepingToolsFirstLineComesBeforeItsExit() throws Exception {
    CountDownLatch firstLine = new CountDownLatch(1);
    CompletableFuture<ProcessResult> run = CompletableFuture.supplyAsync(() -> runner.run(
        ProcessSpec.of("sh", "-c", "echo a; sleep 1; echo b").onLine(line -> firstLine.countDown())), io);

    assertThat(firstLine.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(run).isNotDone();
    assertThat(run.get(20, TimeUnit.SECONDS).stdout()).isEqualTo("a\nb\n");
  }

  @Test
  void aLastLineWithoutLineEndIsDeliveredAtExitAndCrLfIsOneLineEnd() {
    runner.run(ProcessSpec.of("printf", "one\r\ntwo\n\nlast").onLine(lines::add));

    assertThat(lines).extracting(OutputLine::text).containsExactly("one", "two", "", "last");
    assertThat(lines).noneMatch(OutputLine::truncated);
  }

  @Test
  void stdoutAndStderrAreSeparateStreams() {
    ProcessResult r = runner.run(ProcessSpec.of("sh", "-c", "echo out1; echo err1 >&2; echo out2; echo err2 >&2")
        .onLine(lines::add));

    assertThat(lines).filteredOn(l -> l.stream() == Stream.STDOUT).extracting(OutputLine::text)
        .containsExactly("out1", "out2");
    assertThat(lines).filteredOn(l -> l.stream() == Stream.STDERR).extracting(OutputLine::text)
        .containsExactly("err1", "err2");
    assertThat(r.stderr()).isEqualTo("err1\nerr2\n");
  }

  @Test
  void aTenMegabyteLineIsTruncatedToTheBoundAndFlaggedAndTheNextLineStillComes() {
    ProcessResult r = runner.run(ProcessSpec.of("sh", "-c",
        "head -c 10485760 /dev/zero | tr '\\0' x; echo; echo after")
        .withOutputLimits(1024 * 1024, 1024).onLine(lines::add));

    assertThat(r.termination()).isEqualTo(Termination.EXITED);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).text()).hasSize(ProcessSpec.DEFAULT_MAX_LINE_BYTES).matches("x+");
    assertThat(lines.get(0).truncated()).isTrue();
    assertThat(lines.get(1)).isEqualTo(new OutputLine(Stream.STDOUT, "after", false));
    assertThat(r.stdout()).hasSize(1024 * 1024);
    assertThat(r.stdoutTruncated()).isTrue();
  }

  @Test
  void aTruncatedLineIsCutAtACharacterBoundary() {
    // "é" is two bytes: a 5-byte bound would split the third one
    runner.run(ProcessSpec.of("printf", "ééé\n").withMaxLineBytes(5).onLine(lines::add));

    assertThat(lines).containsExactly(new OutputLine(Stream.STDOUT, "éé", true));
  }

  @Test
  void theListenerRunsWithTheCorrelationIdOfTheCallingAnalysis() {
    List<String> ids = new CopyOnWriteArrayList<>();
    org.slf4j.MDC.put("correlation_id", "an-17");
    try {
      runner.run(ProcessSpec.of("sh", "-c", "echo 1; echo 2 >&2").onLine(line -> ids.add(
          org.slf4j.MDC.get("correlation_id"))));
    } finally {
      org.slf4j.MDC.remove("correlation_id");
    }

    assertThat(ids).containsExactly("an-17", "an-17");
  }

  @Test
  void aThrowingListenerDoesNotStopCapture() {
    ProcessResult r = runner.run(ProcessSpec.of("sh", "-c", "echo 1; echo 2; echo 3").onLine(line -> {
      lines.add(line);
      throw new IllegalStateException("listener bug");
    }));

    assertThat(lines).extracting(OutputLine::text).containsExactly("1", "2", "3");
    assertThat(r.stdout()).isEqualTo("1\n2\n3\n");
    assertThat(r.succeeded()).isTrue();
  }

  @Test
  void theListenerNeverRunsOnTheCallersThreadAndCancelStillKillsTheTree() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    List<String> threads = new CopyOnWriteArrayList<>();
    CompletableFuture<ProcessResult> run = CompletableFuture.supplyAsync(() -> runner.run(
        ProcessSpec.of("sh", "-c", "echo started; sleep 1000").onLine(line -> {
          threads.add(Thread.currentThread().getName());
          started.countDown();
        })), io);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    scope.close();

    assertThat(run.get(20, TimeUnit.SECONDS).termination()).isEqualTo(Termination.CANCELLED);
    await().atMost(Duration.ofSeconds(10)).until(() -> scope.livePids().isEmpty());
    assertThat(threads).isNotEmpty().noneMatch(n -> n.contains("eventLoop") || n.contains("nioEventLoop"));
  }
}
