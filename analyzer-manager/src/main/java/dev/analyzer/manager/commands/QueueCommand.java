package dev.analyzer.manager.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.manager.ExitCodes;
import dev.analyzer.manager.services.ServiceSpec;
import dev.analyzer.manager.text.TextTable;
import dev.analyzer.queue.DeadLetter;
import dev.analyzer.queue.KindStatus;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueException;
import dev.analyzer.queue.QueueInspector;
import dev.analyzer.queue.QueueSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code analyzer queue}: what the NATS JetStream queue holds, read-only (it creates nothing).
 * {@code status}: per kind pending, in flight, redelivered and dead-lettered; {@code dead-letters
 * KIND}: the requests given up, with their reasons.
 */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Inspect the analysis queue (NATS JetStream).",
    subcommands = {QueueCommand.Status.class, QueueCommand.DeadLetters.class})
public final class QueueCommand implements Runnable {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** {@code analyzer queue status}. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Per kind: requests pending (not yet taken), in flight (taken, not acked), redelivered "
          + "(of those, delivered more than once) and dead-lettered.")
  static final class Status implements Callable<Integer> {

    @Option(names = "--queue", paramLabel = "URL", description = "NATS servers (default: ANALYZER_QUEUE_URL).")
    String queue;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      QueueSettings settings = QueueAccess.settings(queue, null, System.getenv());
      List<KindStatus> status;
      try (QueueConnection c = QueueAccess.open(settings, "analyzer queue status")) {
        status = QueueInspector.of(c).status();
      } catch (QueueException e) {
        throw QueueAccess.failure("cannot read the queue at " + QueueAccess.servers(settings), e);
      }
      if (json) {
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (KindStatus k : status) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("kind", ServiceSpec.of(k.kind()).name());
          m.put("provisioned", k.provisioned());
          m.put("pending", k.pending());
          m.put("in_flight", k.inFlight());
          m.put("redelivered", k.redelivered());
          m.put("dead_lettered", k.deadLettered());
          kinds.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("queue", QueueAccess.servers(settings));
        root.put("prefix", settings.prefix());
        root.put("kinds", kinds);
        System.out.println(JSON.writeValueAsString(root));
        return ExitCodes.OK;
      }
      System.out.println("queue " + QueueAccess.servers(settings) + " (prefix " + settings.prefix() + ")");
      TextTable t = new TextTable("kind", "pending", "in flight", "redelivered", "dead-lettered");
      for (KindStatus k : status) {
        String name = ServiceSpec.of(k.kind()).name();
        if (k.provisioned()) {
          t.row(name, k.pending(), k.inFlight(), k.redelivered(), k.deadLettered());
        } else {
          t.row(name, "no queue yet", "-", "-", k.deadLettered());
        }
      }
      t.print(System.out);
      return ExitCodes.OK;
    }
  }

  /** {@code analyzer queue dead-letters KIND}. */
  @Command(name = "dead-letters", mixinStandardHelpOptions = true,
      description = "The requests of KIND that were given up (after max_deliver deliveries, or unreadable), oldest first, "
          + "with the reason.")
  static final class DeadLetters implements Callable<Integer> {

    @Parameters(paramLabel = "KIND", description = "static, dynamic, performance (or perf) or ai.")
    String kind;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many, 1..10000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--queue", paramLabel = "URL", description = "NATS servers (default: ANALYZER_QUEUE_URL).")
    String queue;

    @Option(names = "--json", description = "Print JSON (with each request frame) instead of lines.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      AnalysisKind k = ServiceSpec.named(kind).map(ServiceSpec::kind).orElseThrow(() -> new IllegalArgumentException(
          "unknown kind '" + kind + "': one of static, dynamic, performance, ai"));
      if (limit < 1 || limit > 10_000) {
        throw new IllegalArgumentException("--limit must be 1..10000, got " + limit);
      }
      QueueSettings settings = QueueAccess.settings(queue, null, System.getenv());
      List<DeadLetter> letters;
      try (QueueConnection c = QueueAccess.open(settings, "analyzer queue dead-letters")) {
        letters = QueueInspector.of(c).deadLetters(k, limit);
      } catch (QueueException e) {
        throw QueueAccess.failure("cannot read the dead letters at " + QueueAccess.servers(settings), e);
      }
      String name = ServiceSpec.of(k).name();
      if (json) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeadLetter d : letters) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("kind", name);
          m.put("request_id", d.requestId());
          m.put("reason", d.reason());
          m.put("deliveries", d.deliveries());
          m.put("stream_sequence", d.streamSequence());
          m.put("dead_lettered_at", d.deadLetteredAt() == null ? null : d.deadLetteredAt().toString());
          m.put("request", readOrText(d.request()));
          out.add(m);
        }
        System.out.println(JSON.writeValueAsString(out));
        return ExitCodes.OK;
      }
      if (letters.isEmpty()) {
        System.out.println("no dead letters for " + name);
        return ExitCodes.OK;
      }
      for (DeadLetter d : letters) {
        System.out.printf("%s  %s  %d deliveries  %s%n", d.deadLetteredAt(), d.requestId() == null ? "(unreadable)"
            : d.requestId(), d.deliveries(), d.reason());
      }
      System.out.printf("%d dead letters for %s%s%n", letters.size(), name, letters.size() == limit
          ? " (the first " + limit + "; --limit shows more)" : "");
      return ExitCodes.OK;
    }

    private static Object readOrText(String request) {
      try {
        return JSON.readTree(request);
      } catch (Exception e) {
        return request;
      }
    }
  }
}
