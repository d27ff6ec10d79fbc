package dev.analyzer.http.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects Netty's "LEAK:" reports. The module's surefire config runs with
 * {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked; {@link #leaks()}
 * forces a GC and a few allocations (which is when Netty reports) and returns what was reported.
 */
public final class LeakWatch {

  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  static {
    Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        if (e.getFormattedMessage().contains("LEAK")) {
          LEAKS.add(e.getFormattedMessage());
        }
      }
    };
    appender.start();
    logger.addAppender(appender);
  }

  private LeakWatch() {
  }

  /** Installs the watcher (idempotent). */
  public static void install() {
  }

  /** The leak level in force. */
  public static ResourceLeakDetector.Level level() {
    return ResourceLeakDetector.getLevel();
  }

  /** Leaks reported so far, after a GC and a few tracked allocations to flush reports. */
  public static List<String> leaks() {
    for (int i = 0; i < 5; i++) {
      System.gc();
      for (int j = 0; j < 100; j++) {
        ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(64);
        b.release();
      }
    }
    return List.copyOf(LEAKS);
  }
}
