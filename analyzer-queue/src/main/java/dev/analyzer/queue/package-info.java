/**
 * Queue mode on NATS JetStream: durable work distribution for fleets of analyzer services.
 *
 * <p>Requests are the protocol's JSON frames, queued on a work-queue stream per kind
 * ({@code analyzer.<kind>.requests}) and consumed by {@link dev.analyzer.queue.QueueWorker}s
 * through a durable pull consumer; results are stored once per request id on the results stream
 * (large ones in the Object Store); progress and cancel travel on core NATS subjects per request.
 * {@link dev.analyzer.queue.QueueSubmitter} is the caller's side,
 * {@link dev.analyzer.queue.QueueInspector} the operator's. Open one
 * {@link dev.analyzer.queue.QueueConnection} per process from
 * {@link dev.analyzer.queue.QueueSettings}. Implementation classes live in {@code internal}.
 */
package dev.analyzer.queue;
