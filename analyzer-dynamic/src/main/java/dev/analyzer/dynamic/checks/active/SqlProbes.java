package dev.analyzer.dynamic.checks.active;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.dynamic.crawl.HtmlExtractor;
import dev.analyzer.dynamic.crawl.Param;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.report.Rule;
import dev.analyzer.dynamic.report.Rules;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Injection probes that need comparisons: SQL errors that a quote provokes (and the baseline does not
 * show), boolean differentials (two true conditions alike, two false alike, true and false differ,
 * confirmed twice), NoSQL operator injection ({@code p[$ne]} differs from both a plain value and a
 * harmless object), and time differentials for SQL and shell commands (slow with the sleep, fast
 * without it, slow again). Stateless and thread-safe.
 */
final class SqlProbes {

  static final Pattern SQL_ERRORS = Pattern.compile(String.join("|",
      "sqlite3\\.OperationalError", "unrecognized token: ", "near \"[^\"\\n]{0,40}\": syntax error", "SQLITE_ERROR",
      "You have an error in your SQL syntax", "MySQLSyntaxErrorException", "SQLSTATE\\[", "ER_PARSE_ERROR",
      "syntax error at or near \"", "unterminated quoted string at or near", "psycopg2\\.errors\\.",
      "pg_query\\(\\)", "ORA-0\\d{4}", "Unclosed quotation mark after the character string",
      "Microsoft OLE DB Provider for SQL Server", "sqlalchemy\\.exc\\.(?:Operational|Programming)Error",
      "PDOException", "SequelizeDatabaseError", "org\\.h2\\.jdbc\\.JdbcSQL", "valid MySQL result",
      "Warning: mysqli?_", "quoted string not properly terminated", "SQLiteException", "sqlite3\\.ProgrammingError",
      "pymysql\\.err\\.", "MySQLdb\\._exceptions", "mysql\\.connector\\.errors", "django\\.db\\.utils\\.",
      "PG::SyntaxError", "ActiveRecord::StatementInvalid", "System\\.Data\\.SqlClient\\.SqlException",
      "SQLITE_ERROR", "knex: .{0,80}syntax", "ER_SYNTAX_ERROR", "PrismaClientKnownRequestError"));
  static final Pattern NOSQL_ERRORS = Pattern.compile(
      "MongoError|MongoServerError|CastError: Cast to|BSONTypeError|unknown operator: \\$|\\$where");
  private static final List<String[]> BOOLEAN_STRING = List.of(
      new String[] {"' AND '7'='7", "' AND '7'='8", "' AND '8'='8", "' AND '8'='9"},
      new String[] {"' OR 7=7-- ", "' OR 7=8-- ", "' OR 8=8-- ", "' OR 8=9-- "},
      new String[] {"' AND 7=7-- ", "' AND 7=8-- ", "' AND 8=8-- ", "' AND 8=9-- "});
  private static final List<String[]> BOOLEAN_NUMBER = List.of(
      new String[] {" AND 7=7", " AND 7=8", " AND 8=8", " AND 8=9"},
      new String[] {" OR 7=7", " OR 7=8", " OR 8=8", " OR 8=9"});

  private SqlProbes() {}

  static void run(ParamUnderTest first) {
    ParamUnderTest t = rebased(first);
    if (!errors(t) && !t.prober.exhausted()) {
      if (!booleans(t) && !t.prober.exhausted()) {
        sqlTime(t);
      }
    }
    if (!t.prober.exhausted()) {
      nosql(t);
    }
    if (!t.prober.exhausted() && !t.found(Rules.COMMAND_INJECTION)) {
      commandTime(t);
    }
  }

  /**
   * {@code t} itself, or, when its baseline already shows a database error (an empty or odd sample),
   * {@code t} on top of a plausible sample whose response shows none, so that error and boolean
   * probes have a clean page to compare with.
   */
  static ParamUnderTest rebased(ParamUnderTest t) {
    if (!SQL_ERRORS.matcher(t.baseline.body()).find()) {
      return t;
    }
    for (String v : new java.util.LinkedHashSet<>(List.of(HtmlExtractor.sampleFor(t.param.name(), ""), "1"))) {
      if (v.equals(t.sample)) {
        continue;
      }
      ProbeResult r = t.send(v);
      if (r == null) {
        return t;
      }
      if (!SQL_ERRORS.matcher(r.body()).find()) {
        return t.withSample(v, r);
      }
    }
    return t;
  }

  /**
   * The control of a quote probe: the same value with every quote and bracket replaced by a plain
   * character of the sample's kind (a digit after a number, a letter otherwise), so an app that
   * answers any unknown value with a page quoting a database error is not taken for an injection.
   */
  static String control(String sample, String suffix) {
    char c = sample.matches("-?\\d{1,12}") ? '7' : 'q';
    StringBuilder b = new StringBuilder(sample);
    for (char ch : suffix.toCharArray()) {
      b.append(Character.isLetterOrDigit(ch) || ch == ' ' ? ch : c);
    }
    return b.toString();
  }

  static boolean errors(ParamUnderTest t) {
    if (SQL_ERRORS.matcher(t.baseline.body()).find()) {
      return false;
    }
    for (String q : List.of("'", "\"", "')", "'\"")) {
      ProbeResult r = t.send(t.after(q));
      if (r == null) {
        return false;
      }
      if (r.status() >= 500 && t.baseline.status() < 500) {
        t.suspect();
      }
      Matcher m = SQL_ERRORS.matcher(r.body());
      if (m.find()) {
        ProbeResult c = t.send(control(t.sample, q));
        if (c == null || SQL_ERRORS.matcher(c.body()).find()) {
          return false;
        }
        t.report(Rules.SQLI, r, t.after(q), m.group(), "A quote in " + t.label()
            + " breaks the SQL statement the app builds from it (database error in the response).");
        return true;
      }
    }
    return false;
  }

  static boolean booleans(ParamUnderTest t) {
    boolean numeric = t.sample.matches("-?\\d{1,12}");
    List<String[]> sets = numeric ? concat(BOOLEAN_NUMBER, BOOLEAN_STRING) : BOOLEAN_STRING;
    for (String[] s : sets) {
      String[] v = {t.after(s[0]), t.after(s[1]), t.after(s[2]), t.after(s[3])};
      ProbeResult t1 = t.send(v[0]);
      ProbeResult f1 = t.send(v[1]);
      if (t1 == null || f1 == null) {
        return false;
      }
      if (Similarity.same(t1, f1, v)) {
        continue;
      }
      ProbeResult t2 = t.send(v[2]);
      ProbeResult f2 = t.send(v[3]);
      if (!Similarity.same(t1, t2, v) || !Similarity.same(f1, f2, v)) {
        continue;
      }
      ProbeResult t3 = t.send(v[0]);
      ProbeResult f3 = t.send(v[1]);
      if (Similarity.same(t1, t3, v) && Similarity.same(f1, f3, v) && !Similarity.same(t3, f3, v)) {
        t.report(Rules.SQLI_BLIND, t1, v[0], "true: HTTP " + t1.status() + ", " + t1.body().length()
            + " bytes; false: HTTP " + f1.status() + ", " + f1.body().length() + " bytes",
            "The response to " + t.label() + " depends on a SQL condition appended to it: " + s[0].trim()
                + " and " + s[2].trim() + " give one page, " + s[1].trim() + " and " + s[3].trim() + " another.");
        return true;
      }
    }
    return false;
  }

  static void sqlTime(ParamUnderTest t) {
    long d = Math.max(1, Math.round(t.timeDelay.toMillis() / 1000.0));
    double seconds = t.timeDelay.toMillis() / 1000.0;
    for (String p : List.of("' AND SLEEP(%s)-- ", " AND SLEEP(%s)", "'; SELECT pg_sleep(%s)-- ", "' || pg_sleep(%s)-- ",
        "; WAITFOR DELAY '0:0:%s'-- ")) {
      String slow = t.after(String.format(p, p.contains("WAITFOR") ? Long.toString(d) : fmt(seconds)));
      String fast = t.after(String.format(p, "0"));
      if (timed(t, slow, fast, Rules.SQLI_BLIND, "The response to " + t.label() + " is delayed by a SQL sleep "
          + "injected into it.")) {
        return;
      }
    }
  }

  static void commandTime(ParamUnderTest t) {
    double seconds = t.timeDelay.toMillis() / 1000.0;
    for (String p : List.of(";sleep %s;", "|sleep %s", "&&sleep %s&&", "$(sleep %s)", "`sleep %s`", "\nsleep %s\n")) {
      if (timed(t, t.after(String.format(p, fmt(seconds))), t.after(String.format(p, "0")), Rules.COMMAND_INJECTION,
          "A shell sleep injected through " + t.label() + " delays the response.")) {
        return;
      }
    }
  }

  private static String fmt(double s) {
    return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
  }

  /** Slow with {@code slow}, fast with {@code fast}, slow again: then report. */
  private static boolean timed(ParamUnderTest t, String slow, String fast, Rule rule, String message) {
    double d = t.timeDelay.toMillis() / 1000.0;
    if (t.baseline.seconds() > d * 0.5) {
      return false;
    }
    ProbeResult s1 = t.send(slow);
    if (s1 == null || s1.seconds() < d * 0.9) {
      return false;
    }
    ProbeResult f = t.send(fast);
    ProbeResult s2 = f == null || f.seconds() > d * 0.5 ? null : t.send(slow);
    if (s2 != null && s2.seconds() >= d * 0.9) {
      t.report(rule, s2, slow, String.format("%.2f s with the sleep (twice), %.2f s without", Math.min(s1.seconds(),
          s2.seconds()), f.seconds()), message, new Rule.Override(rule.severity(), Confidence.MEDIUM));
      return true;
    }
    return false;
  }

  static void nosql(ParamUnderTest t) {
    String v = ParamUnderTest.marker();
    ProbeResult plain;
    ProbeResult op;
    ProbeResult harmless;
    String payload;
    if (t.param.where() == Param.Where.QUERY || t.param.where() == Param.Where.FORM) {
      String n = Mutation.encode(t.param.name());
      plain = t.send(v);
      payload = t.param.name() + "[$ne]=" + v;
      op = t.send(Mutation.withRawPair(t.endpoint, t.param, n + "%5B%24ne%5D=" + v));
      harmless = t.send(Mutation.withRawPair(t.endpoint, t.param, n + "%5Bzq%5D=" + v));
    } else if (t.param.where() == Param.Where.JSON) {
      JsonNodeFactory f = JsonNodeFactory.instance;
      plain = t.send(v);
      payload = "{\"$ne\": \"" + v + "\"}";
      op = t.send(Mutation.withJsonValue(t.endpoint, t.param, f.objectNode().put("$ne", v)));
      harmless = t.send(Mutation.withJsonValue(t.endpoint, t.param, f.objectNode().put("zq", v)));
    } else {
      return;
    }
    if (plain == null || op == null || harmless == null) {
      return;
    }
    Matcher err = NOSQL_ERRORS.matcher(op.body());
    if (err.find() && !NOSQL_ERRORS.matcher(t.baseline.body()).find()) {
      t.report(Rules.NOSQLI, op, payload, err.group(), "A query operator in " + t.label()
          + " reaches the database (NoSQL error in the response).");
      return;
    }
    if (!Similarity.same(op, plain, v) && !Similarity.same(op, harmless, v) && Similarity.same(plain, harmless, v)
        && op.status() < 400) {
      t.report(Rules.NOSQLI, op, payload, "with $ne: HTTP " + op.status() + ", " + op.body().length()
          + " bytes; plain value: HTTP " + plain.status() + ", " + plain.body().length() + " bytes",
          "The operator {$ne: ...} in " + t.label() + " changes the query result: the value is passed to the "
              + "database as an object.", new Rule.Override(Severity.HIGH, Confidence.MEDIUM));
    }
  }

  private static List<String[]> concat(List<String[]> a, List<String[]> b) {
    List<String[]> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
