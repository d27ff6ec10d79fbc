package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import java.time.Instant;

/**
 * One request given up, as kept on {@code <prefix>.dead.<kind>}.
 *
 * @param kind its queue
 * @param requestId its id, or {@code null} when it could not be read
 * @param reason why it was given up
 * @param deliveries how often it was delivered
 * @param streamSequence its sequence in the work-queue stream
 * @param deadLetteredAt when it was dead-lettered
 * @param request the request frame as it was queued (UTF-8 JSON), for inspection or resubmission
 */
public record DeadLetter(AnalysisKind kind, String requestId, String reason, long deliveries, long streamSequence,
    Instant deadLetteredAt, String request) {}
