package dev.analyzer.performance.generator.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * CPU time of the generator's I/O threads and of the whole JVM between {@link #mark()} and
 * {@link #stop()}, plus the machine's load sampled on the way. Used by the coordinator thread only.
 */
final class CpuMeter {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private final List<Long> ioThreadIds;
  private final List<java.util.function.LongSupplier> idleSpin;
  private long[] spinStart;
  private long[] threadStart;
  private long allocatedStart;
  private long allocated = -1;
  private long processStart;
  private long wallStart;
  private double busiestPercent;
  private double processPercent;
  private double machineSum;
  private int machineSamples;

  /**
   * @param idleSpin per I/O thread, the nanoseconds it spent spinning towards due times, which is
   *     waiting rather than load and is subtracted from its CPU time
   */
  CpuMeter(List<Long> ioThreadIds, List<java.util.function.LongSupplier> idleSpin) {
    this.ioThreadIds = List.copyOf(ioThreadIds);
    this.idleSpin = List.copyOf(idleSpin);
  }

  void mark() {
    threadStart = new long[ioThreadIds.size()];
    spinStart = new long[ioThreadIds.size()];
    for (int i = 0; i < threadStart.length; i++) {
      threadStart[i] = threads.getThreadCpuTime(ioThreadIds.get(i));
      spinStart[i] = idleSpin.get(i).getAsLong();
    }
    processStart = processCpu();
    allocatedStart = allocatedNow();
    wallStart = System.nanoTime();
  }

  private long allocatedNow() {
    if (!(threads instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemoryEnabled()) {
      return -1;
    }
    long total = 0;
    for (long id : ioThreadIds) {
      long b = sun.getThreadAllocatedBytes(id);
      if (b < 0) {
        return -1;
      }
      total += b;
    }
    return total;
  }

  /** Heap bytes the I/O threads allocated between mark and stop, or -1. */
  long allocatedBytes() {
    return allocated;
  }

  /** Samples the machine's CPU load (called once a second). */
  void sample() {
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      double l = sun.getCpuLoad();
      if (l >= 0) {
        machineSum += l;
        machineSamples++;
      }
    }
  }

  void stop() {
    if (threadStart == null) {
      mark();
    }
    long wall = Math.max(1, System.nanoTime() - wallStart);
    double busiest = 0;
    for (int i = 0; i < threadStart.length; i++) {
      long now = threads.getThreadCpuTime(ioThreadIds.get(i));
      if (now >= 0 && threadStart[i] >= 0) {
        long spin = idleSpin.get(i).getAsLong() - spinStart[i];
        busiest = Math.max(busiest, 100.0 * Math.max(0, now - threadStart[i] - spin) / wall);
      }
    }
    busiestPercent = Math.min(100, busiest);
    long a = allocatedNow();
    allocated = a < 0 || allocatedStart < 0 ? -1 : a - allocatedStart;
    long p = processCpu();
    processPercent = p < 0 || processStart < 0 ? -1 : 100.0 * (p - processStart) / wall;
  }

  double busiestIoThreadPercent() {
    return round(busiestPercent);
  }

  double processPercent() {
    return round(processPercent);
  }

  double machinePercent() {
    return machineSamples == 0 ? -1 : round(100 * machineSum / machineSamples);
  }

  private long processCpu() {
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
