package dev.analyzer.performance.generator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the limit of a run was, so a reader knows whether the figures are the target's. Immutable.
 *
 * @param verdict {@code target} (the figures are the target's), {@code generator} (an I/O thread of
 *     the generator was saturated), {@code machine} (the machine's CPUs were saturated while the
 *     generator was not: target and generator compete), or {@code none} (the open model's offered
 *     rate was served on time)
 * @param reason one sentence with the numbers behind the verdict
 * @param generatorCpuPercent the busiest I/O thread's CPU time over the measured part, % of one core
 * @param processCpuPercent the generator's whole JVM, % of one core
 * @param machineCpuPercent the machine's average CPU load, % of all cores, or -1 when unknown
 * @param allocatedBytesPerRequest heap bytes the I/O threads allocated per completed request over
 *     the measured part, or -1 when the JVM cannot tell
 */
public record Bottleneck(String verdict, String reason, double generatorCpuPercent, double processCpuPercent,
    double machineCpuPercent, double allocatedBytesPerRequest) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("verdict", verdict);
    m.put("reason", reason);
    m.put("generator_cpu_percent", generatorCpuPercent);
    m.put("process_cpu_percent", processCpuPercent);
    m.put("machine_cpu_percent", machineCpuPercent);
    m.put("generator_allocated_bytes_per_request", allocatedBytesPerRequest);
    return m;
  }
}
