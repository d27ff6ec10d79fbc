package dev.analyzer.ai.quality;

import dev.analyzer.ai.code.AppSource;
import dev.analyzer.ai.code.CodeFact;
import dev.analyzer.ai.code.SourceFile;
import dev.analyzer.ai.retrieval.IndexedApp;
import dev.analyzer.ai.review.Evidence;
import dev.analyzer.ai.review.TraceabilityReviewer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The eight quality metrics computed from code facts and line patterns, no model: error handling
 * per handler, type hints per function, file sizes, docstrings and comments, anti-patterns,
 * security practices, performance patterns, tests. Each score is a formula over counts (see the
 * module README), labelled {@code embedding-ir}; it measures the presence of practices, not their
 * correctness. Stateless; thread-safe.
 */
public final class FactQualityScorer {

  private static final Predicate<SourceFile> CODE = f -> f.isPython() || f.isScript();
  private static final Predicate<SourceFile> PY = SourceFile::isPython;
  private static final Predicate<SourceFile> NOT_TEST = f -> CODE.test(f) && !f.isTest();
  private static final Pattern PY_DEF = Pattern.compile("^\\s*(async\\s+)?def\\s+\\w+\\(");
  private static final Pattern PY_TYPED_DEF = Pattern.compile("^\\s*(async\\s+)?def\\s+\\w+\\(.*(\\)\\s*->|\\w+\\s*:\\s*\\w)");
  private static final Pattern COMMENT = Pattern.compile("^\\s*(#|//|/\\*|\\*)");
  private static final Pattern DOCSTRING = Pattern.compile("^\\s*[rbu]?(\"\"\"|''')");
  private static final Pattern ERROR_RESPONSE = Pattern.compile("(,\\s*(4\\d\\d|5\\d\\d)\\s*\\)?\\s*$|abort\\(|\\.status\\((4|5)\\d\\d\\)|raise\\s+HTTPException|setError\\()");
  private static final Pattern BARE_EXCEPT = Pattern.compile("^\\s*except\\s*:|except\\s+Exception\\s*:\\s*pass|catch\\s*\\(\\w*\\)\\s*\\{\\s*\\}");
  private static final Pattern ANTI = Pattern.compile("(\\beval\\(|debug\\s*=\\s*True|console\\.log\\(|^\\s*print\\(|\\bglobal\\s+\\w|"
      + "\\bvar\\s+\\w|TODO|FIXME|XXX|\\.innerHTML\\s*=|execute\\(\\s*f['\"]|execute\\([^)]*%\\s*\\(|execute\\([^)]*\\.format\\()");
  private static final Pattern SECURE = Pattern.compile("(generate_password_hash|check_password_hash|bcrypt|argon2|os\\.environ|"
      + "os\\.getenv|process\\.env|login_required|jwt_required|@\\w*auth\\w*|execute\\([^)]*,\\s*[(\\[]|escape\\(|"
      + "CSRFProtect|helmet\\(|secure_filename|Authorization)");
  private static final Pattern INSECURE = Pattern.compile("((SECRET_KEY|password|api_key|secret)\\s*=\\s*['\"][^'\"]{4,}['\"]|"
      + "debug\\s*=\\s*True|host\\s*=\\s*['\"]0\\.0\\.0\\.0|dangerouslySetInnerHTML|\\beval\\(|shell\\s*=\\s*True|"
      + "execute\\(\\s*f['\"]|verify\\s*=\\s*False|CORS\\(app\\)|origins\\s*=\\s*['\"]\\*)");
  private static final Pattern PERF_GOOD = Pattern.compile("(\\.limit\\(|paginate\\(|per_page|LIMIT\\s+\\d|index\\s*=\\s*True|"
      + "lru_cache|@cache|useMemo|useCallback|React\\.memo|joinedload|selectinload|debounce|AbortController)");
  private static final Pattern PERF_BAD = Pattern.compile("(\\.query\\.all\\(\\)|SELECT\\s+\\*|time\\.sleep\\(|readFileSync|"
      + "JSON\\.parse\\(JSON\\.stringify)");
  private static final Pattern APP_FACTORY = Pattern.compile("def\\s+create_app\\(|export\\s+(default\\s+)?function|module\\.exports");

  /** Scores every metric for {@code app}. */
  public List<MetricResult> score(IndexedApp app) {
    AppSource src = app.source();
    LineSignals s = new LineSignals(src);
    List<MetricResult> out = new ArrayList<>();
    int routes = count(app, CodeFact.Kind.ROUTE) + count(app, CodeFact.Kind.FETCH);
    int handling = count(app, CodeFact.Kind.ERROR_HANDLING);
    LineSignals.Count errors = s.count(ERROR_RESPONSE, NOT_TEST);
    LineSignals.Count bare = s.count(BARE_EXCEPT, CODE);
    double perHandler = Math.min(1, (handling + errors.n()) / (double) Math.max(1, routes));
    out.add(metric(QualityMetric.ERROR_HANDLING, 30 + 70 * perHandler - 10 * bare.n(),
        handling + errors.n() + " error-handling sites for " + routes + " routes and fetch calls"
            + (bare.n() > 0 ? ", " + bare.n() + " bare or silent except/catch" : ""),
        "handle errors in every route and fetch; return a status code and a message", join(errors, bare), routes));
    LineSignals.Count defs = s.count(PY_DEF, PY);
    LineSignals.Count typed = s.count(PY_TYPED_DEF, PY);
    long tsFiles = src.files().stream().filter(SourceFile::isTypeScript).count();
    long jsFiles = src.files().stream().filter(f -> f.isScript() && !f.isTypeScript()).count();
    double pyRatio = defs.n() == 0 ? 0 : typed.n() / (double) defs.n();
    double tsRatio = tsFiles + jsFiles == 0 ? 0 : tsFiles / (double) (tsFiles + jsFiles);
    double typeScore = defs.n() > 0 && tsFiles + jsFiles > 0 ? 100 * (0.6 * pyRatio + 0.4 * tsRatio)
        : 100 * (defs.n() > 0 ? pyRatio : tsRatio);
    out.add(metric(QualityMetric.TYPE_SAFETY, typeScore, typed.n() + "/" + defs.n() + " Python functions with type hints; "
        + tsFiles + "/" + (tsFiles + jsFiles) + " script files in TypeScript", "add type hints (Python) and TypeScript "
        + "or PropTypes (frontend)", typed.where(), defs.n() + tsFiles + jsFiles));
    int codeLines = Math.max(1, s.lines(CODE));
    int longest = src.files().stream().filter(CODE).mapToInt(f -> f.lines().size()).max().orElse(0);
    long codeFiles = src.files().stream().filter(CODE).count();
    double org = 100 - (longest > 500 ? 25 : longest > 300 ? 10 : 0) - (codeFiles <= 2 && codeLines > 300 ? 20 : 0)
        - (longest / (double) codeLines > 0.8 && codeLines > 200 ? 15 : 0);
    out.add(metric(QualityMetric.CODE_ORGANIZATION, org, codeFiles + " code files, " + codeLines + " lines, longest "
        + longest + " lines", "split large files into modules (blueprints/routers, components)", List.of(), codeFiles));
    LineSignals.Count comments = s.count(COMMENT, CODE);
    LineSignals.Count docs = s.count(DOCSTRING, PY);
    boolean readme = src.root() != null && java.nio.file.Files.exists(src.root().resolve("README.md"));
    double docRatio = defs.n() == 0 ? 0 : Math.min(1, docs.n() / (double) defs.n());
    double commentRatio = Math.min(1, comments.n() / (0.08 * codeLines));
    out.add(metric(QualityMetric.DOCUMENTATION, 100 * (0.45 * docRatio + 0.4 * commentRatio) + (readme ? 15 : 0),
        docs.n() + " docstrings for " + defs.n() + " functions, " + comments.n() + " comment lines, README "
            + (readme ? "present" : "absent"), "document modules, routes and components", docs.where(), codeLines));
    LineSignals.Count anti = s.count(ANTI, NOT_TEST);
    out.add(metric(QualityMetric.ANTI_PATTERNS, 100 - 100.0 * (anti.n() + bare.n()) / Math.max(10, codeLines / 20.0),
        anti.n() + bare.n() + " anti-pattern lines (eval, debug mode, prints, var, TODO, SQL by formatting, bare except)",
        "remove debug output and dynamic SQL; catch specific exceptions", join(anti, bare), codeLines));
    LineSignals.Count good = s.count(SECURE, NOT_TEST);
    LineSignals.Count bad = s.count(INSECURE, NOT_TEST);
    out.add(metric(QualityMetric.SECURITY_PRACTICES, 50 + 8 * Math.min(6, good.n()) - 15 * bad.n(),
        good.n() + " secure-practice lines (hashing, env secrets, auth checks, parameterised SQL), " + bad.n()
            + " insecure ones", "hash passwords, read secrets from the environment, avoid debug mode and eval",
        join(bad, good), good.n() + bad.n()));
    LineSignals.Count fast = s.count(PERF_GOOD, NOT_TEST);
    LineSignals.Count slow = s.count(PERF_BAD, NOT_TEST);
    out.add(metric(QualityMetric.PERFORMANCE_PATTERNS, 60 + 10 * Math.min(4, fast.n()) - 10 * Math.min(4, slow.n()),
        fast.n() + " performance patterns (pagination, limits, indexes, caching, memoisation), " + slow.n()
            + " unbounded queries or blocking calls", "paginate lists and limit queries", join(slow, fast),
        fast.n() + slow.n()));
    long testFiles = src.files().stream().filter(SourceFile::isTest).count();
    int tests = count(app, CodeFact.Kind.TEST);
    LineSignals.Count factory = s.count(APP_FACTORY, NOT_TEST);
    double testScore = tests == 0 ? (factory.n() > 0 ? 25 : 15) : Math.min(100, 50 + 5 * tests);
    out.add(metric(QualityMetric.TESTING_READINESS, testScore, tests + " tests in " + testFiles + " test files",
        "add tests for the API routes and main components", app.facts().stream()
            .filter(f -> f.kind() == CodeFact.Kind.TEST).limit(5).map(f -> new Evidence(f.file(), f.line(), f.snippet(),
                true)).toList(), tests + factory.n()));
    return out;
  }

  private static int count(IndexedApp app, CodeFact.Kind kind) {
    return (int) app.facts().stream().filter(f -> f.kind() == kind).count();
  }

  private static List<Evidence> join(LineSignals.Count a, LineSignals.Count b) {
    List<Evidence> out = new ArrayList<>(a.where());
    out.addAll(b.where());
    return out;
  }

  private static MetricResult metric(QualityMetric m, double score, String finding, String recommendation,
      List<Evidence> evidence, long signals) {
    MetricResult r = new MetricResult(m, score, signals >= 5 ? "MEDIUM" : "LOW", List.of(finding), List.of(),
        evidence, TraceabilityReviewer.METHOD);
    return r.passed() ? r : new MetricResult(m, r.score(), r.confidence(), r.findings(), List.of(recommendation),
        evidence, TraceabilityReviewer.METHOD);
  }
}
