package dev.analyzer.dynamic.checks.exposure;

import dev.analyzer.dynamic.checks.active.Similarity;
import dev.analyzer.dynamic.crawl.Endpoint;
import dev.analyzer.dynamic.probe.ProbeRequest;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.probe.Prober;
import dev.analyzer.dynamic.report.FindingSink;
import dev.analyzer.dynamic.report.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.regex.Matcher;

/**
 * Looks for files that should not be served: {@code .git}, {@code .env}, source and configuration
 * files, backups and database dumps, the Werkzeug console, admin pages, source maps of discovered
 * scripts, backup copies of discovered files. Each directory first gets a random-path baseline; a
 * candidate counts only when it answers 200, its body matches the file's proof pattern, and it is not
 * the same page as the baseline (nor, for HTML, the site's root page), so an SPA fallback that
 * answers every path with index.html reports nothing. Thread-safe.
 */
public final class ExposureChecks {

  static final List<ExposedFile> ROOT = List.of(
      ExposedFile.of(".git/HEAD", Rules.GIT_EXPOSED, "^(ref: refs/|[0-9a-f]{40}\\s*$)"),
      ExposedFile.of(".git/config", Rules.GIT_EXPOSED, "\\[core\\]"),
      ExposedFile.of(".env", Rules.ENV_EXPOSED, "(?m)^\\s*[A-Z][A-Z0-9_]{1,60}\\s*=\\s*\\S"),
      ExposedFile.of(".env.local", Rules.ENV_EXPOSED, "(?m)^\\s*[A-Z][A-Z0-9_]{1,60}\\s*=\\s*\\S"),
      ExposedFile.of(".env.production", Rules.ENV_EXPOSED, "(?m)^\\s*[A-Z][A-Z0-9_]{1,60}\\s*=\\s*\\S"),
      ExposedFile.of(".env.backup", Rules.ENV_EXPOSED, "(?m)^\\s*[A-Z][A-Z0-9_]{1,60}\\s*=\\s*\\S"),
      ExposedFile.of("config.py", Rules.SOURCE_EXPOSED, "(?m)^(import \\w|from [\\w.]+ import |class \\w+|[A-Z_]{3,} = )"),
      ExposedFile.of("settings.py", Rules.SOURCE_EXPOSED, "(?m)^(import \\w|from [\\w.]+ import |[A-Z_]{3,} = )"),
      ExposedFile.of("app.py", Rules.SOURCE_EXPOSED, "(?m)^(import \\w|from [\\w.]+ import |def \\w+\\()"),
      ExposedFile.of("main.py", Rules.SOURCE_EXPOSED, "(?m)^(import \\w|from [\\w.]+ import |def \\w+\\()"),
      ExposedFile.of("backend/app.py", Rules.SOURCE_EXPOSED, "(?m)^(import \\w|from [\\w.]+ import |def \\w+\\()"),
      ExposedFile.of("backend/config.py", Rules.SOURCE_EXPOSED, "(?m)^(import \\w|from [\\w.]+ import |[A-Z_]{3,} = )"),
      ExposedFile.of("backend/requirements.txt", Rules.SOURCE_EXPOSED, "(?m)^[A-Za-z0-9_.\\[\\]-]+\\s*(==|>=|~=)\\s*\\d"),
      ExposedFile.of("backend/.env", Rules.ENV_EXPOSED, "(?m)^\\s*[A-Z][A-Z0-9_]{1,60}\\s*=\\s*\\S"),
      ExposedFile.of("frontend/package.json", Rules.SOURCE_EXPOSED, "\"(dependencies|devDependencies|scripts)\"\\s*:"),
      ExposedFile.of("server.js", Rules.SOURCE_EXPOSED, "require\\(['\"]|module\\.exports|express\\(\\)"),
      ExposedFile.of("package.json", Rules.SOURCE_EXPOSED, "\"(dependencies|devDependencies|scripts)\"\\s*:"),
      ExposedFile.of("requirements.txt", Rules.SOURCE_EXPOSED, "(?m)^[A-Za-z0-9_.\\[\\]-]+\\s*(==|>=|~=)\\s*\\d"),
      ExposedFile.of("config.json", Rules.SOURCE_EXPOSED, "(?i)\"(secret|password|api_?key|database|db_?url)\\w*\"\\s*:"),
      ExposedFile.of("docker-compose.yml", Rules.SOURCE_EXPOSED, "(?m)^services:"),
      ExposedFile.of("Dockerfile", Rules.SOURCE_EXPOSED, "(?m)^FROM \\S+"),
      ExposedFile.of(".npmrc", Rules.SOURCE_EXPOSED, "_authToken|registry\\s*="),
      ExposedFile.of(".htpasswd", Rules.SOURCE_EXPOSED, "(?m)^\\w+:\\S{6,}"),
      ExposedFile.of(".DS_Store", Rules.SOURCE_EXPOSED, "Bud1"),
      ExposedFile.of("backup.zip", Rules.BACKUP_EXPOSED, "^PK\\x03\\x04"),
      ExposedFile.of("backup.tar.gz", Rules.BACKUP_EXPOSED, "^\\x{1f}"),
      ExposedFile.of("backup.sql", Rules.BACKUP_EXPOSED, "(?i)(CREATE TABLE|INSERT INTO)"),
      ExposedFile.of("dump.sql", Rules.BACKUP_EXPOSED, "(?i)(CREATE TABLE|INSERT INTO)"),
      ExposedFile.of("database.sql", Rules.BACKUP_EXPOSED, "(?i)(CREATE TABLE|INSERT INTO)"),
      ExposedFile.of("db.sqlite3", Rules.BACKUP_EXPOSED, "^SQLite format 3"),
      ExposedFile.of("db.sqlite", Rules.BACKUP_EXPOSED, "^SQLite format 3"),
      ExposedFile.of("app.db", Rules.BACKUP_EXPOSED, "^SQLite format 3"),
      ExposedFile.of("database.db", Rules.BACKUP_EXPOSED, "^SQLite format 3"),
      ExposedFile.of("instance/app.db", Rules.BACKUP_EXPOSED, "^SQLite format 3"),
      ExposedFile.page("console", Rules.DEBUG_CONSOLE, "(?i)(werkzeug[\\s\\S]{0,2000}(console|__debugger__)|__debugger__)"),
      ExposedFile.page("admin", Rules.ADMIN_EXPOSED, "(?i)<(title|h1|h2)[^>]*>[^<]{0,80}admin"),
      ExposedFile.page("admin/", Rules.ADMIN_EXPOSED, "(?i)<(title|h1|h2)[^>]*>[^<]{0,80}admin"),
      ExposedFile.page("phpinfo.php", Rules.SOURCE_EXPOSED, "phpinfo\\(\\)|<title>PHP \\d"),
      ExposedFile.page("server-status", Rules.SOURCE_EXPOSED, "Apache Server Status"),
      ExposedFile.of("actuator/env", Rules.SOURCE_EXPOSED, "\"propertySources\""),
      backup("config.php.bak"), backup("config.php~"), backup("config.php.old"), backup("wp-config.php.bak"),
      backup("wp-config.php~"), backup("config.inc.php.bak"), backup(".env.bak"), backup(".env.old"),
      backup("config.json.bak"), backup("settings.py.bak"), backup("config.py.bak"), backup("config.yml.bak"),
      backup("application.properties.bak"), backup("appsettings.json.bak"), backup("web.config.bak"),
      ExposedFile.of("backup.tgz", Rules.BACKUP_EXPOSED, "^\\x{1f}"),
      ExposedFile.of("site.zip", Rules.BACKUP_EXPOSED, "^PK\\x03\\x04"),
      ExposedFile.of("db.sql", Rules.BACKUP_EXPOSED, "(?i)(CREATE TABLE|INSERT INTO)"));
  /** What a backup copy of a configuration file shows: PHP source or a secret-looking key with a value. */
  private static final String CONFIG_PROOF = "(?i)(<\\?php|\\b[\\w$]{0,20}(pass(word|wd)?|secret|api_?key|auth_?key"
      + "|token|db_?(host|name|user|url)|database_url)\\w{0,20}['\"]?\\s*(=|:|,)\\s*\\S)";
  private static final List<String> BACKUP_SUFFIXES = List.of(".bak", "~", ".old", ".orig");
  private static final int MAX_DIRECTORIES = 12;
  private static final int MAX_FILES = 15;

  private static ExposedFile backup(String name) {
    return ExposedFile.of(name, Rules.BACKUP_EXPOSED, CONFIG_PROOF);
  }

  private final FindingSink sink;
  private final ExecutorService workers;

  public ExposureChecks(FindingSink sink, ExecutorService workers) {
    this.sink = sink;
    this.workers = workers;
  }

  private record Candidate(String path, ExposedFile file, String dir) {}

  /** Probes {@code p}'s target, given the directories and endpoints its crawl found. */
  public int scan(Prober p, List<String> directories, List<Endpoint> endpoints) throws InterruptedException {
    List<Candidate> todo = new ArrayList<>();
    for (ExposedFile f : ROOT) {
      todo.add(new Candidate("/" + f.name(), f, "/"));
    }
    List<String> dirs = directories.stream().filter(d -> !d.equals("/")).limit(MAX_DIRECTORIES).toList();
    for (String d : dirs) {
      todo.add(new Candidate(d + ".env", ROOT.get(2), d));
      todo.add(new Candidate(d + ".git/HEAD", ROOT.get(0), d));
    }
    int files = 0;
    for (Endpoint e : endpoints) {
      String path = e.path();
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (!e.method().equals("GET") || !name.matches("[\\w.-]+\\.(js|py|php|html?|json|ya?ml|conf|cfg|ini)")
          || files >= MAX_FILES) {
        continue;
      }
      files++;
      String dir = path.substring(0, path.lastIndexOf('/') + 1);
      if (path.endsWith(".js")) {
        todo.add(new Candidate(path + ".map", ExposedFile.of(name + ".map", Rules.SOURCE_MAP,
            "\"(mappings|sources)\"\\s*:"), dir));
      }
      for (String s : BACKUP_SUFFIXES) {
        todo.add(new Candidate(path + s, ExposedFile.of(name + s, Rules.BACKUP_EXPOSED, "[\\s\\S]{16}"), dir));
      }
    }
    java.util.Map<String, ProbeResult> baselines = new java.util.concurrent.ConcurrentHashMap<>();
    ProbeResult root = p.send(ProbeRequest.get("/"));
    List<Future<?>> tasks = new ArrayList<>();
    for (Candidate c : todo) {
      tasks.add(workers.submit(() -> check(p, c, baselines, root)));
    }
    for (Future<?> f : tasks) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        // one broken candidate does not stop the others
      }
    }
    return todo.size();
  }

  private void check(Prober p, Candidate c, java.util.Map<String, ProbeResult> baselines, ProbeResult root) {
    ProbeResult r = p.send(ProbeRequest.get(c.path));
    if (r == null || r.status() != 200 || r.response().body().length == 0) {
      return;
    }
    String ext = c.file.name().contains(".") ? c.file.name().substring(c.file.name().lastIndexOf('.')) : "";
    ProbeResult base = baselines.computeIfAbsent(c.dir + " " + ext, k -> p.send(ProbeRequest.get(c.dir
        + UUID.randomUUID().toString().substring(0, 12) + ext)));
    String body = r.body();
    if (base != null && base.status() == 200 && Similarity.same(r, base, c.file.name())) {
      return;
    }
    if (r.isHtml() && !c.file.htmlAllowed()) {
      return;
    }
    if (r.isHtml() && root != null && Similarity.same(r, root)) {
      return;
    }
    Matcher m = c.file.proof().matcher(body);
    if (!m.find() || (base != null && base.status() == 200 && c.file.proof().matcher(base.body()).find())) {
      return;
    }
    if (c.file.rule() == Rules.ADMIN_EXPOSED && body.toLowerCase(Locale.ROOT).contains("type=\"password\"")) {
      return;
    }
    String evidence = m.group().length() > 120 ? m.group().substring(0, 120) : m.group();
    sink.add(c.file.rule().at(p.url(c.path), "GET", null)
        .withMessage(c.file.rule().title() + ": " + c.path + " is served (HTTP 200, " + body.length() + " bytes)"
            + (base == null ? "" : "; a random path in " + c.dir + " answers HTTP " + base.status()))
        .withEvidence(evidence.replaceAll("[\\x00-\\x08\\x0e-\\x1f]", "."))
        .withExtra("request", r.request().excerpt()).withExtra("response", r.excerpt(null)).build());
  }
}
