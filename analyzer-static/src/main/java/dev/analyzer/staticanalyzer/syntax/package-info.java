/**
 * Real parsing: tree-sitter grammars (Python, JavaScript with JSX, TypeScript, TSX) load their native
 * libraries once; each parse is copied into a plain Java {@link dev.analyzer.staticanalyzer.syntax.SyntaxNode}
 * tree so the analysis never calls back into native code.
 */
package dev.analyzer.staticanalyzer.syntax;
