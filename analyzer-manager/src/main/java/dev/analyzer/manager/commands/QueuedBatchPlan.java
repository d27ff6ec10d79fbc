package dev.analyzer.manager.commands;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.manager.batch.BatchState;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.Preflight;
import dev.analyzer.manager.run.Requests;
import dev.analyzer.manager.services.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the entries of a batch file into the {@link BatchState} of a queued batch, and back into
 * {@link AnalyzeOptions} for its reports. Every request gets the deterministic id
 * {@code <batch id>-<position>-<service>} and is fixed here, frame and timestamp included, so that
 * a resume publishes byte-for-byte the same request. A performance request waits for the dynamic
 * request of the same entry (the load test runs after the probe, as in a live run). A service that
 * reads the source of an entry whose source does not exist is settled as refused and never queued.
 * Stateless.
 */
final class QueuedBatchPlan {

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final ProtocolCodec CODEC = ProtocolCodec.create();

  private QueuedBatchPlan() {}

  /** A new batch id: the UTC time and 6 random hex digits, {@code 20261202-074512-3fa9c1}. */
  static String newId(Instant now) {
    return ID_TIME.format(now) + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
  }

  static BatchState plan(String batchId, Instant createdAt, Path batchFile, String queue, String prefix,
      List<AnalyzeOptions> apps) {
    List<BatchState.Entry> entries = new ArrayList<>();
    for (int i = 0; i < apps.size(); i++) {
      entries.add(entry(batchId, i + 1, apps.get(i), createdAt));
    }
    return new BatchState(batchId, createdAt, batchFile.toAbsolutePath().normalize().toString(), queue, prefix, entries);
  }

  private static BatchState.Entry entry(String batchId, int position, AnalyzeOptions o, Instant createdAt) {
    List<BatchState.Settled> settled = new ArrayList<>();
    List<BatchState.Queued> requests = new ArrayList<>();
    String dynamicId = null;
    for (ServiceSpec spec : o.services()) {
      if (o.source() != null && !Files.isDirectory(o.source()) && Preflight.readsSource(spec)) {
        settled.add(new BatchState.Settled(spec.name(), "refused", "source " + o.source()
            + (Files.exists(o.source()) ? " is not a directory" : " does not exist")));
        continue;
      }
      String id = batchId + "-" + position + "-" + spec.name();
      AnalysisRequest r = Requests.of(spec, o, o.tools(), createdAt, id);
      if (spec.kind() == AnalysisKind.DYNAMIC) {
        dynamicId = id;
      }
      requests.add(new BatchState.Queued(spec.name(), id, null, CODEC.encode(r)));
    }
    if (dynamicId != null) {
      for (int i = 0; i < requests.size(); i++) {
        BatchState.Queued q = requests.get(i);
        if (q.service().equals("performance")) {
          requests.set(i, new BatchState.Queued(q.service(), q.id(), dynamicId, q.request()));
        }
      }
    }
    return new BatchState.Entry(position, o.model(), o.app(), o.source() == null ? null : o.source().toString(), o.urls(),
        o.tools(), o.timeout() == null ? null : (int) o.timeout().toSeconds(), o.allowMissing(),
        o.services().stream().map(ServiceSpec::name).toList(), settled, requests);
  }

  /** The options an entry was planned from, for its report and exit code. */
  static AnalyzeOptions options(BatchState.Entry e) {
    List<ServiceSpec> services = e.services().stream().map(n -> ServiceSpec.named(n).orElseThrow()).toList();
    return new AnalyzeOptions(e.source() == null ? null : Path.of(e.source()), e.urls(), services, e.model(), e.app(),
        e.tools(), e.timeoutSeconds() == null ? null : Duration.ofSeconds(e.timeoutSeconds()), null, e.allowMissing(),
        Map.of());
  }
}
