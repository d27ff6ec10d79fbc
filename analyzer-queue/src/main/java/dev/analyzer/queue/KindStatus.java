package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;

/**
 * The queue of one kind, as {@code analyzer queue status} shows it.
 *
 * @param kind the kind
 * @param provisioned false when its stream or consumer does not exist yet (every count is then 0)
 * @param pending requests queued and not yet delivered to any worker (consumer {@code num_pending})
 * @param inFlight requests delivered and not yet acked (consumer {@code num_ack_pending})
 * @param redelivered of those in flight, the ones delivered more than once (consumer {@code num_redelivered})
 * @param deadLettered dead letters kept for this kind (messages on {@code <prefix>.dead.<kind>})
 */
public record KindStatus(AnalysisKind kind, boolean provisioned, long pending, long inFlight, long redelivered,
    long deadLettered) {}
