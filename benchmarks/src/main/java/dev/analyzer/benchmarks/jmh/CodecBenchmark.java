package dev.analyzer.benchmarks.jmh;

import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Ping;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.core.protocol.ProtocolCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The protocol codec on the frames that dominate traffic: a ping, a {@code static_analyze} request,
 * and a {@code static_analysis_result} carrying {@code findings} findings in the documented shape.
 * Run with {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main Codec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

  @Param({"50"})
  public int findings;

  private ProtocolCodec codec;
  private String ping;
  private String request;
  private String result;
  private byte[] resultUtf8;
  private byte[] pingUtf8;
  private Message decodedRequest;
  private Ping pingMessage;
  private Message decodedResult;

  @Setup
  public void setUp() {
    codec = ProtocolCodec.create();
    ping = "{\"type\": \"ping\", \"id\": \"5d1b7b0e-0c1e-4a53-9d8e-6f0a4b1c2d3e\", \"timestamp\": \"2026-11-27T12:00:00Z\"}";
    request = "{\"type\": \"static_analyze\", \"id\": \"a-1\", \"model_slug\": \"openai_gpt-4\", \"app_number\": 1,"
        + " \"tools\": [\"bandit\", \"eslint\", \"secrets\"], \"source_path\": \"/srv/apps/openai_gpt-4/app1\","
        + " \"config\": {\"bandit\": {\"severity\": \"low\"}}, \"timestamp\": \"2026-11-27T12:00:00Z\"}";
    StringBuilder f = new StringBuilder();
    for (int i = 0; i < findings; i++) {
      if (i > 0) {
        f.append(',');
      }
      f.append("{\"fingerprint\": \"4f0c6f1e2b7d4a9c8e1f2a3b4c5d").append(String.format("%04d", i))
          .append("\", \"tool\": \"python-security\", \"tools\": [\"python-security\", \"bandit\"],"
              + " \"rule_id\": \"py.sql-format\", \"severity\": \"high\", \"confidence\": \"medium\","
              + " \"title\": \"SQL query built by string formatting\", \"message\": \"execute() receives an f-string\","
              + " \"cwe\": \"CWE-89\", \"location\": {\"file\": \"backend/app.py\", \"line\": ").append(10 + i)
          .append(", \"column\": 9}, \"evidence\": \"cur.execute(f\\\"SELECT * FROM todos WHERE id={todo_id}\\\")\","
              + " \"remediation\": \"Pass values as query parameters\"}");
    }
    result = "{\"type\": \"static_analysis_result\", \"correlation_id\": \"a-1\", \"service\": \"static-analyzer\","
        + " \"timestamp\": \"2026-11-27T12:00:09Z\", \"status\": \"success\", \"analysis\": {\"model_slug\":"
        + " \"openai_gpt-4\", \"app_number\": 1, \"analysis_time\": \"2026-11-27T12:00:09Z\", \"tools_used\":"
        + " [\"python-security\"], \"results\": {\"python\": {\"python-security\": {\"tool\": \"python-security\","
        + " \"status\": \"success\", \"executed\": true, \"total_issues\": " + findings + ", \"severity_breakdown\":"
        + " {\"critical\": 0, \"high\": " + findings + ", \"medium\": 0, \"low\": 0, \"info\": 0}, \"issues\": [],"
        + " \"duration_seconds\": 0.04, \"error\": null}}}, \"summary\": {\"total_issues_found\": " + findings + ","
        + " \"tools_run_successfully\": 1}, \"findings\": [" + f + "]}}";
    resultUtf8 = result.getBytes(StandardCharsets.UTF_8);
    pingUtf8 = ping.getBytes(StandardCharsets.UTF_8);
    decodedRequest = codec.decode(request);
    pingMessage = (Ping) codec.decode(ping);
    decodedResult = codec.decode(result);
  }

  @Benchmark
  public Message decodePing() {
    return codec.decode(ping);
  }

  /** As the service decodes a frame: in place from its UTF-8 bytes. */
  @Benchmark
  public Message decodePingBytes() {
    return codec.decode(pingUtf8);
  }

  @Benchmark
  public Message decodeRequest() {
    return codec.decode(request);
  }

  /** The service's reply to every ping: a pong with the current time. */
  @Benchmark
  public byte[] encodePong() {
    return codec.encodeToBytes(Pong.replyTo(pingMessage, "static-analyzer", java.time.Instant.now()));
  }

  @Benchmark
  public String encodeRequest() {
    return codec.encode(decodedRequest);
  }

  @Benchmark
  public Message decodeResult() {
    return codec.decode(resultUtf8);
  }

  /** As the service writes a frame: UTF-8 bytes, no intermediate string. */
  @Benchmark
  public byte[] encodeResult() {
    return codec.encodeToBytes(decodedResult);
  }
}
