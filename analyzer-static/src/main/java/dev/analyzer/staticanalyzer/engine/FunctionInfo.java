package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.List;

/**
 * A function defined in the file: its node, name, parameter names, whether its first parameter is
 * {@code self}/{@code cls} (skipped for method calls), and whether it is a route handler (its
 * parameters are then request data). Immutable.
 */
record FunctionInfo(SyntaxNode node, String name, List<String> params, boolean method, String route) {

  int indexOf(String param) {
    return params.indexOf(param);
  }

  /** The parameter index that positional argument {@code i} binds in a call ({@code self} skipped). */
  int paramForArg(int i, boolean methodCall) {
    return method && methodCall ? i + 1 : i;
  }
}
