/**
 * Queue mode on NATS JetStream (work-queue streams per analysis kind, durable pull consumers,
 * results by correlation id). Not built yet beyond this package declaration.
 */
package dev.analyzer.queue;
