package dev.analyzer.queue.internal;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueException;
import dev.analyzer.queue.QueueNames;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the requests of one kind from its durable consumer, never more than the worker has free
 * permits: it waits for one permit, takes whatever others are free, asks for that many (waiting
 * at most {@code fetchWait}), hands each message on as it arrives, and gives back the permits of
 * messages that did not come. One thread
 * per loop; {@link #stop()} makes it exit after the fetch under way.
 */
public final class FetchLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(FetchLoop.class);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final AnalysisKind kind;
  private final JetStreamSubscription subscription;
  private final Semaphore permits;
  private final int maxBatch;
  private final Duration fetchWait;
  private final DeliveryProcessor processor;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  public FetchLoop(QueueConnection connection, AnalysisKind kind, Semaphore permits, int maxBatch, Duration fetchWait,
      DeliveryProcessor processor) {
    this.kind = kind;
    this.permits = permits;
    this.maxBatch = maxBatch;
    this.fetchWait = fetchWait;
    this.processor = processor;
    QueueNames names = connection.names();
    try {
      this.subscription = connection.jetStream().subscribe(names.requestSubject(kind),
          PullSubscribeOptions.bind(names.requestStream(kind), QueueNames.CONSUMER));
    } catch (IOException | JetStreamApiException e) {
      throw new QueueException("cannot bind to consumer " + QueueNames.CONSUMER + " of stream "
          + names.requestStream(kind) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void run() {
    while (running) {
      int batch = takePermits();
      if (batch == 0) {
        continue;
      }
      int received = 0;
      try {
        Iterator<Message> it = subscription.iterate(batch, fetchWait);
        while (it.hasNext()) {
          Message m = it.next();
          received++;
          processor.process(m, kind, permits::release);
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("fetching {} requests failed, retrying in {}: {}", kind.wire(), RETRY_PAUSE, e.toString());
          pause();
        }
      } finally {
        permits.release(batch - received);
      }
    }
    try {
      subscription.unsubscribe();
    } catch (RuntimeException e) {
      LOG.debug("unsubscribe of the {} consumer failed: {}", kind.wire(), e.toString());
    }
  }

  /** Asks the loop to exit after the fetch under way; returns at once. */
  public void stop() {
    running = false;
    stopped.countDown();
  }

  private int takePermits() {
    try {
      if (!permits.tryAcquire(fetchWait.toMillis(), TimeUnit.MILLISECONDS)) {
        return 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return 0;
    }
    if (!running) {
      permits.release();
      return 0;
    }
    int n = 1;
    while (n < maxBatch && permits.tryAcquire()) {
      n++;
    }
    return n;
  }

  private void pause() {
    try {
      stopped.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
