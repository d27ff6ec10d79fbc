/** Immutable free-form JSON values and the wire-spelling contract shared by protocol enums. */
package dev.analyzer.core.json;
