/**
 * The built-in engine of {@code python-security} and {@code js-security}: rules on the syntax tree
 * (calls resolved through imports and aliases, keyword arguments, literal versus computed arguments,
 * decorators) and intra-procedural taint tracking with summaries of local functions, from request
 * and browser sources to the sinks of {@link dev.analyzer.staticanalyzer.engine.CallRules}.
 * Entry points: {@link dev.analyzer.staticanalyzer.engine.SyntaxEngine} (one file) and
 * {@link dev.analyzer.staticanalyzer.engine.BuiltinEngine} (a directory).
 */
package dev.analyzer.staticanalyzer.engine;
