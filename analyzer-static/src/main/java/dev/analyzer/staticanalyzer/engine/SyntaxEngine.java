package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.FindingBuilder;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.rules.CodeRuleAnalyzer;
import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.syntax.Grammar;
import dev.analyzer.staticanalyzer.syntax.Parser;
import dev.analyzer.staticanalyzer.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Analyses one Python or JavaScript/TypeScript file: vendored and minified files are skipped; the
 * rest is parsed with tree-sitter (Python files under the stock binding with {@link PythonFocus}) and walked by {@link PythonWalker} or {@link JsWalker} (a file
 * whose error nodes cover more than {@value #MAX_ERROR_FRACTION} of it falls back to the lexer rules
 * of {@link CodeRuleAnalyzer}); suppression comments are applied and counted; findings of test files
 * are demoted to low (secrets excepted, assert dropped). Stateless and thread-safe.
 */
public final class SyntaxEngine {

  static final double MAX_ERROR_FRACTION = 0.05;

  private SyntaxEngine() {}

  /** The report for {@code path} (relative, {@code /} separators) with content {@code text}. */
  public static FileReport analyze(String path, String text) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    Optional<Grammar> grammar = Grammar.forFile(name);
    FileRole role = FileRole.of(path, text);
    if (grammar.isEmpty() && (TemplateChecks.isPythonTemplate(path) || TemplateChecks.isJsTemplate(path))
        && role != FileRole.VENDORED) {
      String tool = TemplateChecks.isPythonTemplate(path) ? CodeRuleAnalyzer.PYTHON_TOOL : CodeRuleAnalyzer.JS_TOOL;
      List<Finding> out = new ArrayList<>();
      for (Hit h : TemplateChecks.scan(path, text)) {
        Finding f = toFinding(tool, path, h);
        out.add(role == FileRole.TEST ? demote(f) : f);
      }
      return new FileReport(out, FileReport.How.TEMPLATE, role, 0);
    }
    if (grammar.isEmpty() || role == FileRole.VENDORED) {
      return new FileReport(List.of(), FileReport.How.SKIPPED, role, 0);
    }
    boolean python = grammar.get() == Grammar.PYTHON;
    String tool = python ? CodeRuleAnalyzer.PYTHON_TOOL : CodeRuleAnalyzer.JS_TOOL;
    // The focus spares the stock binding's slow per-node calls; the optimised binding parses a
    // whole file faster than the focus scans it.
    PythonFocus.Focus focus = python && !Parser.optimised() ? PythonFocus.focus(text) : null;
    Optional<SyntaxTree> tree = focus == null ? Parser.parse(text, grammar.get())
        : Parser.parse(text, focus.text(), focus.skip(), grammar.get());
    if (focus != null && focus.text() != text && (tree.isEmpty() || !tree.get().clean())) {
      tree = Parser.parse(text, grammar.get());
    }
    if (tree.isEmpty() || !tree.get().usable(MAX_ERROR_FRACTION)) {
      List<Finding> lexed = CodeRuleAnalyzer.analyze(path, text, python ? Language.PYTHON : Language.JAVASCRIPT);
      List<Finding> out = new ArrayList<>();
      for (Finding f : lexed) {
        out.add(role == FileRole.TEST ? demote(f) : f);
      }
      return new FileReport(out, FileReport.How.UNPARSED, role, 0);
    }
    FileContext ctx = new FileContext(path, tree.get());
    if (python) {
      PythonWalker.analyze(ctx);
    } else {
      JsWalker.analyze(ctx);
    }
    Suppressions suppressions = Suppressions.of(text);
    List<Finding> out = new ArrayList<>();
    for (Hit h : ctx.hits()) {
      if (suppressions.suppresses(h)) {
        continue;
      }
      if (role == FileRole.TEST && h.rule().ruleClass().equals("assert")) {
        continue;
      }
      Finding f = toFinding(tool, path, h);
      out.add(role == FileRole.TEST ? demote(f) : f);
    }
    return new FileReport(out, FileReport.How.PARSED, role, suppressions.used());
  }

  private static Finding demote(Finding f) {
    if ("hardcoded-secret".equals(f.extra().get("rule_class")) || "CWE-798".equals(f.cwe())
        || "CWE-259".equals(f.cwe()) || f.severity() == Severity.INFO) {
      return f;
    }
    return new Finding(f.fingerprint(), f.tool(), f.tools(), f.ruleId(), Severity.LOW, f.confidence(), f.title(),
        f.message(), f.cwe(), f.location(), f.evidence(), f.remediation(), withRole(f));
  }

  private static java.util.Map<String, Object> withRole(Finding f) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(f.extra());
    m.put("file_role", "test");
    return m;
  }

  static Finding toFinding(String tool, String path, Hit h) {
    Rule r = h.rule();
    boolean traced = !h.trace().isEmpty();
    Severity sev = traced && !r.severity().isAtLeast(Severity.HIGH) && r.severity() != Severity.INFO
        && r.severity() != Severity.LOW ? Severity.HIGH : r.severity();
    String message = r.title() + " (" + r.equivalents() + ")" + (traced ? ": " + describe(h) : "");
    FindingBuilder b = Finding.builder(tool, r.id()).withTitle(r.title()).withSeverity(sev)
        .withConfidence(traced ? Confidence.HIGH : h.confidence()).withCwe(r.cwe()).withRemediation(r.remediation())
        .withMessage(message).withLocation(Location.inFile(path, h.line(), h.column())).withEvidence(h.evidence())
        .withExtra("equivalent_rules", r.equivalents()).withExtra("rule_class", r.ruleClass())
        .withExtra("engine", "syntax");
    if (traced) {
      List<Object> trace = new ArrayList<>();
      h.trace().forEach(s -> trace.add(s.toMap()));
      b.withExtra("trace", trace);
    }
    return b.build();
  }

  private static String describe(Hit h) {
    TraceStep first = h.trace().get(0);
    return first.what() + " (line " + first.line() + ") reaches line " + h.line();
  }
}
