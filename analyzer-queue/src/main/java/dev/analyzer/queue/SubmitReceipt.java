package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;

/**
 * What the work-queue stream said to one {@link QueueSubmitter#submit}.
 *
 * @param id the request id (the {@code Nats-Msg-Id})
 * @param kind the queue it went to
 * @param streamSequence its sequence in the stream (the first copy's, for a duplicate)
 * @param duplicate true when the stream had seen this id within its duplicate window and dropped this copy
 */
public record SubmitReceipt(String id, AnalysisKind kind, long streamSequence, boolean duplicate) {}
