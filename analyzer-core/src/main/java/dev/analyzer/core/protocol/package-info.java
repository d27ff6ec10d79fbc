/**
 * The wire protocol as code: one immutable record per message type
 * ({@link dev.analyzer.core.protocol.Message}) and the one JSON codec
 * ({@link dev.analyzer.core.protocol.ProtocolCodec}). Wire-compatible with the original Python
 * services; see {@code docs/protocol.md}.
 */
package dev.analyzer.core.protocol;
