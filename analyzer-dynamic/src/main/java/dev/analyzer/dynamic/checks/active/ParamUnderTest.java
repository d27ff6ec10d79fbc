package dev.analyzer.dynamic.checks.active;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.dynamic.crawl.Endpoint;
import dev.analyzer.dynamic.crawl.Param;
import dev.analyzer.dynamic.probe.ProbeRequest;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.probe.Prober;
import dev.analyzer.dynamic.report.FindingSink;
import dev.analyzer.dynamic.report.Rule;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One parameter under probe: the endpoint, the parameter, the prober, the baseline response (the
 * endpoint with every parameter at its sample) and where findings go. The probe families share it.
 * Thread-safe (immutable apart from the sink and prober, which are).
 */
final class ParamUnderTest {

  private static final AtomicLong MARKERS = new AtomicLong(System.nanoTime() & 0xffffff);

  final Prober prober;
  final Endpoint endpoint;
  final Param param;
  final ProbeResult baseline;
  final FindingSink sink;
  final Duration timeDelay;
  /** The value probes build on: the parameter's sample, or a better one when the sample itself fails. */
  final String sample;
  final StoredXss stored;
  private final java.util.Set<String> found = java.util.concurrent.ConcurrentHashMap.newKeySet();

  ParamUnderTest(Prober prober, Endpoint endpoint, Param param, ProbeResult baseline, FindingSink sink, Duration timeDelay,
      StoredXss stored) {
    this.prober = prober;
    this.endpoint = endpoint;
    this.param = param;
    this.baseline = baseline;
    this.sink = sink;
    this.timeDelay = timeDelay;
    this.sample = param.sample();
    this.stored = stored;
  }

  private ParamUnderTest(ParamUnderTest t, String sample, ProbeResult baseline) {
    this.prober = t.prober;
    this.endpoint = t.endpoint;
    this.param = t.param;
    this.baseline = baseline;
    this.sink = t.sink;
    this.timeDelay = t.timeDelay;
    this.sample = sample;
    this.stored = t.stored;
  }

  /** This parameter probed on top of {@code sample}, with {@code baseline} (its response) as the baseline. */
  ParamUnderTest withSample(String sample, ProbeResult baseline) {
    return new ParamUnderTest(this, sample, baseline);
  }

  /** A fresh marker of lower-case letters and digits, unique within the process. */
  static String marker() {
    return "zq" + Long.toString(MARKERS.incrementAndGet() * 7919 % 46_655_000L + 1_679_616, 36);
  }

  /** The parameter as findings name it: its name, or {@code path:<segment index>}. */
  String label() {
    return param.where() == Param.Where.PATH ? "path:" + param.name() : param.name();
  }

  /** Sends the endpoint with the parameter set to {@code value}. */
  ProbeResult send(String value) {
    return prober.send(Mutation.request(endpoint, param, value));
  }

  /** Sends {@code r} as is. */
  ProbeResult send(ProbeRequest r) {
    return prober.send(r);
  }

  /** The sample value followed by {@code suffix}. */
  String after(String suffix) {
    return sample + suffix;
  }

  /** True when {@code rule} was already reported on this parameter (later probes for it are skipped). */
  boolean found(Rule rule) {
    return found.contains(rule.id());
  }

  /** Marks this parameter suspicious of SQL injection (sqlmap may confirm it). */
  void suspect() {
    if (param.where() == Param.Where.PATH) {
      return;
    }
    java.util.Map<String, String> others = new java.util.LinkedHashMap<>();
    for (Param p : endpoint.params()) {
      if (!p.equals(param) && p.where() == param.where()) {
        others.put(p.name(), p.sample());
      } else if (!p.equals(param) && p.where() == Param.Where.QUERY) {
        others.put(p.name(), p.sample());
      }
    }
    sink.suspect(new FindingSink.Suspect(prober.url(endpoint.path()), endpoint.method(), param.name(),
        param.where().name().toLowerCase(java.util.Locale.ROOT), param.sample(), others));
  }

  /** Reports {@code rule} on this parameter, with the response that shows it. */
  void report(Rule rule, ProbeResult r, String payload, String evidence, String message) {
    report(rule, r, payload, evidence, message, null);
  }

  void report(Rule rule, ProbeResult r, String payload, String evidence, String message, Rule.Override o) {
    var b = rule.at(prober.url(endpoint.path()), endpoint.method(), label()).withMessage(message)
        .withEvidence(evidence).withExtra("payload", payload).withExtra("parameter_in", param.where().name()
            .toLowerCase(java.util.Locale.ROOT)).withExtra("request", r.request().excerpt())
        .withExtra("response", r.excerpt(evidence));
    if (o != null) {
      b.withSeverity(o.severity()).withConfidence(o.confidence());
    }
    Finding f = b.build();
    found.add(rule.id());
    sink.add(f);
    if (rule.id().startsWith("dyn.sqli")) {
      suspect();
    }
  }
}
