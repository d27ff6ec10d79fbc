package dev.analyzer.queue;

/**
 * What {@link QueueWorker#drain} did with the requests it held when draining began.
 *
 * @param finished requests that finished while draining (result stored and acked, failed and nak'ed, or dead-lettered)
 * @param handedBack requests still running at the end of the grace: cancelled and nak'ed for another worker
 */
public record DrainOutcome(int finished, int handedBack) {}
