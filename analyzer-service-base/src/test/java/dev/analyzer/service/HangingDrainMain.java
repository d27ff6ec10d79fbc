package dev.analyzer.service;

import java.time.Duration;

/** A process whose drain hangs forever: SIGTERM must still end it, through the watchdog. */
public final class HangingDrainMain {

  private HangingDrainMain() {}

  public static void main(String[] args) throws InterruptedException {
    Signals.onTermination(HangingDrainMain::sleepForever, new ShutdownWatchdog(Duration.ZERO, Duration.ofMillis(300)));
    System.out.println("READY");
    System.out.flush();
    sleepForever();
  }

  private static void sleepForever() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException ignored) {
        // keep hanging: this process stands for a drain that never returns
      }
    }
  }
}
