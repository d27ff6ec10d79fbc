package dev.analyzer.staticanalyzer.engine;

import static dev.analyzer.core.findings.Confidence.HIGH;
import static dev.analyzer.core.findings.Confidence.LOW;
import static dev.analyzer.core.findings.Severity.INFO;
import static dev.analyzer.core.findings.Severity.MEDIUM;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The call rules of {@code python-security}: Bandit's checks under Bandit's ids where the engine can
 * judge them, and taint sinks for the injection classes (SQL, NoSQL, command, code, SSTI/XSS, SSRF,
 * path traversal, open redirect, deserialization, XXE). Each says what it needs: {@code ALWAYS} (the
 * call is the issue), {@code NON_LITERAL} (a computed argument), {@code TAINTED} (a traced source).
 */
final class PythonRules {

  static final Pattern SECURITY_CONTEXT = Pattern.compile(
      "(?i).*(token|secret|password|passwd|key|salt|nonce|otp|session|reset|csrf|auth|code|pin).*");
  private static final String[] SUBPROCESS = {"subprocess.Popen", "subprocess.call", "subprocess.check_call",
      "subprocess.check_output", "subprocess.run"};
  private static final String[] REQUESTS = {"requests.get", "requests.post", "requests.put", "requests.delete",
      "requests.head", "requests.patch", "requests.options", "httpx.get", "httpx.post", "httpx.put", "httpx.delete",
      "httpx.head", "httpx.patch", "httpx.stream", "urllib3.request", "urllib.request.urlopen", "urllib.urlopen",
      "urllib2.urlopen", "urllib.request.Request", "aiohttp.request"};

  static final Rule REFLECTED_XSS = new Rule("py.reflected-xss", "xss", "CWE-79",
      "Request data returned as HTML without escaping", Severity.HIGH, Confidence.MEDIUM,
      "Render through a template with autoescape, or escape with markupsafe.escape.", "py.reflected-xss");

  static final List<CallRule> RULES = List.of(
      CallRule.of("B608", "sql-injection", "CWE-89", Severity.HIGH, "SQL query built from data",
          "Pass values as query parameters: cursor.execute(sql, params).").same("B608/S608")
          .names("*.execute", "*.executemany", "*.executescript", "*.raw", "*.mogrify", "sqlalchemy.text",
              "sqlalchemy.sql.text", "pandas.read_sql", "pandas.read_sql_query", "*.read_sql", "*.read_sql_query")
          .mode(CallRule.Mode.BUILT).keywords("sql", "query", "statement").build(),
      CallRule.of("B610", "sql-injection", "CWE-89", MEDIUM, "Django QuerySet.extra with computed SQL",
          "Use the ORM or parameters instead of extra().").names("*.extra").args(0)
          .keywords("where", "select", "tables", "order_by").build(),
      CallRule.of("B611", "sql-injection", "CWE-89", MEDIUM, "Django RawSQL with computed SQL",
          "Pass params to RawSQL; never format SQL.").names("django.db.models.expressions.RawSQL",
              "django.db.models.RawSQL", "RawSQL").build(),
      CallRule.of("py.nosql-injection", "nosql-injection", "CWE-943", Severity.HIGH,
          "MongoDB query document taken from the request", "Build the query from typed fields; reject operators.")
          .names("*.find", "*.find_one", "*.find_one_and_update", "*.find_one_and_delete", "*.update_one",
              "*.update_many", "*.delete_one", "*.delete_many", "*.count_documents", "*.aggregate", "*.map_reduce")
          .tainted().when(s -> s.arg(0) != null && !s.arg(0).is("dictionary")).build(),
      CallRule.of("B605", "command-injection", "CWE-78", Severity.HIGH, "Command run through a shell from data",
          "Use subprocess.run with an argument list and no shell.").same("B605/S605")
          .names("os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "popen2.popen2", "commands.getoutput",
              "commands.getstatusoutput", "subprocess.getoutput", "subprocess.getstatusoutput").build(),
      CallRule.of("B602", "command-injection", "CWE-78", Severity.HIGH, "subprocess call with shell=True",
          "Pass an argument list and shell=False; never build a command line from input.").same("B602/S602")
          .names(SUBPROCESS).keywords("args").when(s -> s.isTrue("shell")).build(),
      CallRule.of("B603", "command-injection", "CWE-78", Severity.HIGH, "subprocess runs a program taken from data",
          "Never let input choose the program or its options; validate against an allow-list.").same("B603/S603")
          .names(SUBPROCESS).tainted().keywords("args").when(s -> !s.isTrue("shell")).build(),
      CallRule.of("B607", "command-partial-path", "CWE-78", Severity.LOW, "Process started with a partial path",
          "Use the program's absolute path.").same("B607/S607").names(SUBPROCESS).always().confidence(LOW)
          .when(PythonRules::partialPath).build(),
      CallRule.of("B606", "command-injection", "CWE-78", Severity.HIGH, "Process started from data without a shell",
          "Validate the program and arguments against an allow-list.").same("B606/S606")
          .names("os.execl", "os.execle", "os.execlp", "os.execlpe", "os.execv", "os.execve", "os.execvp",
              "os.execvpe", "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe", "os.spawnv", "os.spawnve",
              "os.spawnvp", "os.spawnvpe", "os.startfile").tainted().args(0, 1, 2).build(),
      CallRule.of("B601", "command-injection", "CWE-78", Severity.HIGH, "paramiko exec_command with a computed command",
          "Never build remote commands from input; quote with shlex.quote.").names("*.exec_command").build(),
      CallRule.of("B307", "code-injection", "CWE-95", Severity.HIGH, "eval of a computed string",
          "Never evaluate strings as code; parse data with json.loads or ast.literal_eval.").same("B307/S307")
          .names("eval").when(s -> !s.isMethod()).build(),
      CallRule.of("B102", "code-injection", "CWE-95", Severity.HIGH, "exec of a computed string",
          "Never execute strings as code.").same("B102/S102").names("exec").when(s -> !s.isMethod()).build(),
      CallRule.of("py.ssti", "ssti", "CWE-1336", Severity.HIGH, "Template rendered from a computed string",
          "Render files with render_template and pass values as variables.").same("py.ssti")
          .names("flask.render_template_string", "render_template_string", "jinja2.Template",
              "jinja2.Environment.from_string", "*.from_string", "django.template.Template", "mako.template.Template")
          .keywords("source").build(),
      CallRule.of("B701", "xss", "CWE-94", Severity.HIGH, "Jinja2 environment without autoescape",
          "Use autoescape=True or select_autoescape().").same("B701/S701").names("jinja2.Environment")
          .always().confidence(HIGH).when(s -> s.keyword("autoescape") == null || s.isFalse("autoescape")).build(),
      CallRule.of("B702", "xss", "CWE-80", MEDIUM, "Mako template (no autoescaping by default)",
          "Use default_filters=['h'] or a template engine that escapes.").same("B702/S702")
          .names("mako.template.Template", "mako.lookup.TemplateLookup").always()
          .when(s -> s.keyword("default_filters") == null).build(),
      CallRule.of("B703", "xss", "CWE-79", MEDIUM, "mark_safe of computed HTML", "Escape with format_html.")
          .same("B308/B703/S308").names("django.utils.safestring.mark_safe", "mark_safe",
              "django.utils.html.mark_safe").build(),
      CallRule.of("B704", "xss", "CWE-79", MEDIUM, "Markup() of computed HTML", "Use markupsafe.escape instead.")
          .same("B704").names("markupsafe.Markup", "flask.Markup", "jinja2.Markup", "Markup").build(),
      CallRule.of("py.xss-response", "xss", "CWE-79", Severity.HIGH, "Request data in an HTML response",
          "Escape the value or render it through an autoescaping template.")
          .names("flask.make_response", "make_response", "flask.Response", "django.http.HttpResponse", "HttpResponse",
              "fastapi.responses.HTMLResponse", "HTMLResponse").tainted().keywords("content", "response").build(),
      CallRule.of("py.ssrf", "ssrf", "CWE-918", Severity.HIGH, "Outgoing request to a URL taken from the request",
          "Allow-list hosts and schemes; resolve and refuse private addresses.").names(REQUESTS).tainted()
          .keywords("url").build(),
      CallRule.of("py.ssrf", "ssrf", "CWE-918", Severity.HIGH, "Outgoing request to a URL taken from the request",
          "Allow-list hosts and schemes; resolve and refuse private addresses.").names("requests.request",
              "httpx.request").tainted().args(1).keywords("url").build(),
      CallRule.of("B310", "url-open", "CWE-22", MEDIUM, "urlopen of a computed URL (file:// and custom schemes)",
          "Check the scheme is http(s) before opening; prefer requests.").same("B310/S310")
          .names("urllib.request.urlopen", "urllib.urlopen", "urllib2.urlopen", "urllib.request.Request",
              "urllib.request.URLopener", "urllib.request.FancyURLopener").confidence(LOW).build(),
      CallRule.of("py.path-traversal", "path-traversal", "CWE-22", Severity.HIGH, "File path taken from the request",
          "Resolve the path and check it stays under a base directory; use secure_filename.")
          .names("open", "io.open", "codecs.open", "os.open", "flask.send_file", "send_file", "os.remove", "os.unlink",
              "shutil.rmtree", "shutil.copy", "shutil.copyfile", "shutil.move", "os.rename", "os.listdir",
              "aiofiles.open", "pathlib.Path.open", "fastapi.responses.FileResponse", "FileResponse")
          .tainted().keywords("file", "path_or_file", "filename_or_fp", "path").when(s -> !s.isMethod()
              || s.qualified().contains(".")).build(),
      CallRule.of("py.path-traversal", "path-traversal", "CWE-22", Severity.HIGH,
          "send_from_directory with a directory taken from the request",
          "Keep the directory fixed; only the file name may come from the request.")
          .names("flask.send_from_directory", "send_from_directory").tainted().keywords("directory").build(),
      CallRule.of("py.path-traversal", "path-traversal", "CWE-22", Severity.HIGH,
          "Uploaded file saved under a name taken from the request", "Save under secure_filename(name) in a fixed directory.")
          .names("*.save").tainted().keywords("dst").when(s -> s.arg(0) != null).build(),
      CallRule.of("B202", "path-traversal", "CWE-22", MEDIUM, "tarfile extractall without a filter",
          "Pass filter='data' (Python 3.12+) or check every member's path.").same("B202/S202")
          .names("*.extractall").always().confidence(LOW).when(s -> s.keyword("filter") == null
              && s.qualified().toLowerCase(Locale.ROOT).contains("tar")).build(),
      CallRule.of("py.open-redirect", "open-redirect", "CWE-601", MEDIUM, "Redirect to a URL taken from the request",
          "Redirect only to relative paths or allow-listed hosts.")
          .names("flask.redirect", "redirect", "django.shortcuts.redirect", "django.http.HttpResponseRedirect",
              "HttpResponseRedirect", "fastapi.responses.RedirectResponse", "RedirectResponse",
              "starlette.responses.RedirectResponse").tainted().keywords("location", "url", "to").build(),
      CallRule.of("B301", "deserialization", "CWE-502", MEDIUM, "Deserialization with pickle and friends",
          "Do not unpickle untrusted data; use JSON.").same("B301/S301").always().confidence(HIGH)
          .names("pickle.loads", "pickle.load", "pickle.Unpickler", "cPickle.loads", "cPickle.load", "_pickle.loads",
              "dill.loads", "dill.load", "shelve.open", "jsonpickle.decode", "jsonpickle.unpickler.decode",
              "pandas.read_pickle", "joblib.load").build(),
      CallRule.of("B302", "deserialization", "CWE-502", MEDIUM, "Deserialization with marshal",
          "Do not unmarshal untrusted data.").same("B302/S302").always().confidence(HIGH)
          .names("marshal.loads", "marshal.load").build(),
      CallRule.of("B506", "deserialization", "CWE-20", MEDIUM, "yaml.load without a safe loader",
          "Use yaml.safe_load or Loader=yaml.SafeLoader.").same("B506/S506").always().confidence(HIGH)
          .names("yaml.load", "yaml.load_all", "yaml.unsafe_load", "yaml.unsafe_load_all", "yaml.full_load")
          .when(PythonRules::unsafeYaml).build(),
      CallRule.of("B614", "deserialization", "CWE-502", MEDIUM, "torch.load without weights_only=True",
          "Pass weights_only=True.").same("B614").always().names("torch.load")
          .when(s -> !s.isTrue("weights_only")).build(),
      CallRule.of("py.numpy-pickle", "deserialization", "CWE-502", MEDIUM, "numpy.load with allow_pickle=True",
          "Keep allow_pickle=False for untrusted files.").always().names("numpy.load")
          .when(s -> s.isTrue("allow_pickle")).build(),
      CallRule.of("B320", "xxe", "CWE-611", MEDIUM, "lxml parse without a hardened parser",
          "Use defusedxml.lxml or an XMLParser with resolve_entities=False.").same("B320/S320").always()
          .names("lxml.etree.parse", "lxml.etree.fromstring", "lxml.etree.XML", "lxml.etree.RestrictedElement",
              "lxml.etree.GlobalParserTLS", "lxml.etree.getDefaultParser", "lxml.etree.check_docinfo")
          .when(s -> s.keyword("parser") == null && s.args().size() < 2).build(),
      CallRule.of("py.lxml-entities", "xxe", "CWE-611", Severity.HIGH, "lxml XMLParser resolving entities",
          "Create the parser with resolve_entities=False, no_network=True.").always().confidence(HIGH)
          .names("lxml.etree.XMLParser").when(s -> !s.isFalse("resolve_entities")).build(),
      CallRule.of("B314", "xxe", "CWE-611", MEDIUM, "XML parsed with xml.etree (entity expansion)",
          "Parse untrusted XML with defusedxml.").same("B313/B314/S314").always()
          .names("xml.etree.ElementTree.parse", "xml.etree.ElementTree.fromstring", "xml.etree.ElementTree.XML",
              "xml.etree.ElementTree.iterparse", "xml.etree.ElementTree.XMLParser", "xml.etree.cElementTree.parse",
              "xml.etree.cElementTree.fromstring", "xml.etree.cElementTree.XMLParser",
              "xml.etree.cElementTree.iterparse").build(),
      CallRule.of("B317", "xxe", "CWE-611", MEDIUM, "XML parsed with xml.sax (external entities)",
          "Parse untrusted XML with defusedxml.sax.").same("B315/B317/S317").always()
          .names("xml.sax.parse", "xml.sax.parseString", "xml.sax.make_parser", "xml.sax.expatreader.create_parser")
          .build(),
      CallRule.of("B318", "xxe", "CWE-611", MEDIUM, "XML parsed with xml.dom (entity expansion)",
          "Parse untrusted XML with defusedxml.minidom.").same("B316/B318/B319/S318").always()
          .names("xml.dom.minidom.parse", "xml.dom.minidom.parseString", "xml.dom.pulldom.parse",
              "xml.dom.pulldom.parseString", "xml.dom.expatbuilder.parse", "xml.dom.expatbuilder.parseString")
          .build(),
      CallRule.of("B324", "weak-crypto", "CWE-327", MEDIUM, "Weak hash (MD4/MD5/SHA1) for security",
          "Use hashlib.sha256 (bcrypt/argon2 for passwords) or pass usedforsecurity=False.")
          .same("B303/B324/S324").always().confidence(HIGH).names("hashlib.md5", "hashlib.sha1", "hashlib.md4",
              "Crypto.Hash.MD5.new", "Crypto.Hash.SHA.new", "Cryptodome.Hash.MD5.new")
          .when(s -> !s.isFalse("usedforsecurity")).build(),
      CallRule.of("B324", "weak-crypto", "CWE-327", MEDIUM, "Weak hash (MD4/MD5/SHA1) for security",
          "Use hashlib.sha256 (bcrypt/argon2 for passwords) or pass usedforsecurity=False.")
          .same("B303/B324/S324").always().confidence(HIGH).names("hashlib.new")
          .when(s -> s.literal(s.arg(0)) != null && s.literal(s.arg(0)).toLowerCase(Locale.ROOT)
              .matches("md4|md5|sha1|sha") && !s.isFalse("usedforsecurity")).build(),
      CallRule.of("py.fast-password-hash", "password-hash", "CWE-916", MEDIUM, "Password hashed with a fast hash",
          "Use bcrypt, scrypt, argon2 or PBKDF2 with a salt.").always().confidence(Confidence.MEDIUM)
          .names("hashlib.sha224", "hashlib.sha256", "hashlib.sha384", "hashlib.sha512", "hashlib.sha3_256",
              "hashlib.sha3_512", "hashlib.blake2b", "hashlib.blake2s")
          .when(s -> s.arg(0) != null && s.text(s.arg(0)).matches("(?is).*(password|passwd|pwd).*")).build(),
      CallRule.of("B304", "weak-crypto", "CWE-327", Severity.HIGH, "Broken cipher (DES, RC2, RC4, Blowfish, IDEA)",
          "Use AES-GCM or ChaCha20-Poly1305.").same("B304/S304").always().confidence(HIGH)
          .names("Crypto.Cipher.DES.new", "Crypto.Cipher.ARC2.new", "Crypto.Cipher.ARC4.new",
              "Crypto.Cipher.Blowfish.new", "Crypto.Cipher.XOR.new", "Cryptodome.Cipher.DES.new",
              "Cryptodome.Cipher.ARC2.new", "Cryptodome.Cipher.ARC4.new", "Cryptodome.Cipher.Blowfish.new",
              "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
              "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
              "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
              "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
              "cryptography.hazmat.primitives.ciphers.algorithms.CAST5").build(),
      CallRule.of("B305", "weak-crypto", "CWE-327", MEDIUM, "Block cipher in ECB mode", "Use GCM or CBC with HMAC.")
          .same("B305/S305").always().confidence(HIGH).names("cryptography.hazmat.primitives.ciphers.modes.ECB",
              "Crypto.Cipher.AES.new", "Cryptodome.Cipher.AES.new")
          .when(s -> s.qualified().endsWith("ECB") || s.text(s.node()).contains("MODE_ECB")).build(),
      CallRule.of("B505", "weak-crypto", "CWE-326", Severity.HIGH, "Key shorter than 2048 bits",
          "Use at least 2048-bit RSA/DSA keys (3072 recommended).").same("B505/S505").always().confidence(HIGH)
          .names("cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key",
              "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key", "Crypto.PublicKey.RSA.generate",
              "Crypto.PublicKey.DSA.generate", "Cryptodome.PublicKey.RSA.generate")
          .when(PythonRules::weakKey).build(),
      CallRule.of("B311", "weak-random", "CWE-330", Severity.LOW, "random used for a security value",
          "Use the secrets module for tokens and keys.").same("B311/S311").always()
          .names("random.random", "random.randint", "random.choice", "random.choices", "random.randrange",
              "random.getrandbits", "random.sample", "random.uniform", "random.shuffle", "random.randbytes")
          .when(s -> SECURITY_CONTEXT.matcher(s.file().tree().lineText(s.node().line())).matches()).build(),
      CallRule.of("B306", "insecure-temp", "CWE-377", MEDIUM, "Insecure temporary file (tempfile.mktemp)",
          "Use tempfile.mkstemp or NamedTemporaryFile.").same("B306/S306").always().confidence(HIGH)
          .names("tempfile.mktemp", "os.tempnam", "os.tmpnam").build(),
      CallRule.of("B321", "cleartext", "CWE-319", Severity.HIGH, "FTP (cleartext credentials)", "Use SFTP or FTPS.")
          .same("B321/S321").always().confidence(HIGH).names("ftplib.FTP").build(),
      CallRule.of("B312", "cleartext", "CWE-319", Severity.HIGH, "Telnet (cleartext)", "Use SSH.")
          .same("B312/S312").always().confidence(HIGH).names("telnetlib.Telnet").build(),
      CallRule.of("B323", "insecure-tls", "CWE-295", MEDIUM, "Unverified TLS context",
          "Use ssl.create_default_context().").same("B323/S323").always().confidence(HIGH)
          .names("ssl._create_unverified_context", "ssl._create_stdlib_context").build(),
      CallRule.of("B502", "insecure-tls", "CWE-327", Severity.HIGH, "Broken SSL/TLS protocol version",
          "Use ssl.PROTOCOL_TLS_CLIENT with TLS 1.2 or later.").same("B502/S502").always().confidence(HIGH)
          .names("ssl.wrap_socket", "ssl.SSLContext", "OpenSSL.SSL.Context", "pyOpenSSL.SSL.Context")
          .when(s -> s.text(s.node()).matches("(?s).*(SSLv2|SSLv3|TLSv1_METHOD|TLSv1\\b|PROTOCOL_TLSv1\\b|"
              + "PROTOCOL_TLSv1_1|TLSv1_1_METHOD|SSLv23_METHOD).*")).build(),
      CallRule.of("B504", "insecure-tls", "CWE-327", Severity.LOW, "ssl.wrap_socket without a protocol version",
          "Use SSLContext.wrap_socket with a default context.").same("B504/S504").always().confidence(LOW)
          .names("ssl.wrap_socket").when(s -> s.keyword("ssl_version") == null).build(),
      CallRule.of("B507", "insecure-tls", "CWE-295", Severity.HIGH, "SSH host keys not verified",
          "Load known hosts and use RejectPolicy.").same("B507/S507").always().confidence(HIGH)
          .names("*.set_missing_host_key_policy").when(s -> s.text(s.node()).matches(
              "(?s).*(AutoAddPolicy|WarningPolicy).*")).build(),
      CallRule.of("py.jwt-no-verify", "jwt", "CWE-347", Severity.HIGH, "JWT decoded without verifying the signature",
          "Verify the signature: pass the key and algorithms, never verify_signature=False.").always()
          .confidence(HIGH).names("jwt.decode", "jose.jwt.decode", "jwt.api_jwt.decode")
          .when(PythonRules::jwtUnverified).build(),
      CallRule.of("py.jwt-no-verify", "jwt", "CWE-347", MEDIUM, "JWT claims read without verification",
          "Verify the token before trusting its claims.").always().names("jose.jwt.get_unverified_claims",
              "jwt.get_unverified_header").build(),
      CallRule.of("py.cors-credentials", "cors", "CWE-942", Severity.HIGH,
          "CORS reflects any origin and allows credentials", "List the allowed origins explicitly.").always()
          .confidence(HIGH).names("flask_cors.CORS", "flask_cors.cross_origin", "CORS", "cross_origin")
          .when(PythonRules::corsAnyOriginWithCredentials).build(),
      CallRule.of("B201", "debug", "CWE-94", Severity.HIGH, "Flask app run with debug=True",
          "Never run with debug=True outside development: the Werkzeug debugger executes code.")
          .same("B201/S201").always().names("*.run").when(s -> s.isTrue("debug")).build(),
      CallRule.of("B612", "code-injection", "CWE-94", MEDIUM, "logging.config.listen (runs received config)",
          "Do not listen for logging configuration.").same("B612").always().names("logging.config.listen").build(),
      CallRule.of("B615", "supply-chain", "CWE-494", Severity.LOW, "Hugging Face download without a pinned revision",
          "Pin revision= to a commit hash.").same("B615").always().confidence(LOW).names("*.from_pretrained")
          .when(s -> s.keyword("revision") == null).build(),
      CallRule.of("B508", "cleartext", "CWE-319", MEDIUM, "SNMP v1/v2c (community strings in cleartext)",
          "Use SNMPv3 with authentication and privacy.").same("B508/S508").always()
          .names("pysnmp.hlapi.CommunityData", "CommunityData").build(),
      CallRule.of("B509", "cleartext", "CWE-319", MEDIUM, "SNMPv3 without authentication and privacy",
          "Pass authKey and privKey.").same("B509/S509").always().names("pysnmp.hlapi.UsmUserData", "UsmUserData")
          .when(s -> s.args().size() < 3 && s.keyword("privKey") == null).build(),
      CallRule.of("B609", "command-injection", "CWE-78", Severity.HIGH, "Wildcard in a shell command (option injection)",
          "Pass explicit file lists; never let the shell expand * into options.").same("B609/S609").always()
          .names("os.system", "os.popen", "subprocess.Popen", "subprocess.call", "subprocess.check_call",
              "subprocess.check_output", "subprocess.run")
          .when(s -> s.literal(s.arg(0)) != null && s.literal(s.arg(0)).matches("(?s).*\\b(chown|chmod|tar|rsync)\\b.*\\*.*")
              && (s.qualified().startsWith("os.") || s.isTrue("shell"))).build(),
      CallRule.of("B103", "permissions", "CWE-732", MEDIUM, "World- or group-writable file permissions",
          "Use 0o600/0o644 (0o700/0o755 for directories).").same("B103/S103").always().confidence(HIGH)
          .names("os.chmod", "os.fchmod", "os.lchmod").when(PythonRules::permissive).build(),
      CallRule.of("B113", "timeout", "CWE-400", Severity.LOW, "HTTP request without a timeout",
          "Pass timeout= so a slow server cannot hang the worker.").same("B113/S113").always().confidence(LOW)
          .names(REQUESTS).when(s -> s.keyword("timeout") == null && (s.qualified().startsWith("requests.")
              || s.qualified().startsWith("httpx."))).build(),
      CallRule.of("B413", "weak-crypto", "CWE-327", INFO, "pyCrypto is unmaintained", "Use pyca/cryptography.")
          .same("B413").always().confidence(LOW).names("Crypto.Cipher.AES.new", "Crypto.PublicKey.RSA.importKey")
          .build());

  private PythonRules() {}

  private static boolean partialPath(Site s) {
    SyntaxNode a = s.argOrKeyword(0, "args");
    if (a == null) {
      return false;
    }
    if (a.is("list") && !a.namedChildren().isEmpty()) {
      a = a.namedChildren().get(0);
    }
    String v = s.literal(a);
    if (v == null || v.isBlank()) {
      return false;
    }
    String program = s.isTrue("shell") ? v.strip().split("\\s+")[0] : v.strip();
    return !program.startsWith("/") && !program.startsWith(".") && !program.contains("\\");
  }

  private static boolean unsafeYaml(Site s) {
    if (!s.qualified().endsWith("load") && !s.qualified().endsWith("load_all")) {
      return true;
    }
    SyntaxNode loader = s.argOrKeyword(1, "Loader");
    return loader == null || !s.text(loader).matches(".*(Safe|CSafe|Base)Loader.*");
  }

  private static boolean weakKey(Site s) {
    SyntaxNode size = s.qualified().contains("generate_private_key") ? s.argOrKeyword(1, "key_size")
        : s.argOrKeyword(0, "bits");
    if (size == null || !size.is("integer")) {
      return false;
    }
    try {
      return Integer.parseInt(s.text(size).replace("_", "")) < 2048;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean jwtUnverified(Site s) {
    String text = s.text(s.node()).replace(" ", "");
    return text.matches("(?s).*[\"']verify_signature[\"']:(False|0).*") || s.isFalse("verify")
        || text.matches("(?s).*algorithms=\\[?[\"']none[\"'].*") || text.contains("verify=False");
  }

  private static boolean corsAnyOriginWithCredentials(Site s) {
    if (!s.isTrue("supports_credentials")) {
      return false;
    }
    SyntaxNode origins = s.keyword("origins");
    if (origins == null) {
      origins = s.keyword("resources");
      return origins == null || s.text(origins).contains("\"*\"") || s.text(origins).contains("'*'")
          || !s.text(origins).contains("origins");
    }
    String o = s.literal(origins);
    return "*".equals(o) || o == null && s.text(origins).matches("(?s).*(request|\\*).*");
  }

  private static boolean permissive(Site s) {
    SyntaxNode mode = s.argOrKeyword(1, "mode");
    if (mode == null || !mode.is("integer")) {
      return mode != null && s.text(mode).matches(".*S_I(W|X)OTH.*|.*S_IRWXO.*|.*S_IWGRP.*");
    }
    String t = s.text(mode).toLowerCase(Locale.ROOT).replace("_", "");
    try {
      int v = t.startsWith("0o") ? Integer.parseInt(t.substring(2), 8) : t.startsWith("0x")
          ? Integer.parseInt(t.substring(2), 16) : t.length() > 1 && t.startsWith("0")
          ? Integer.parseInt(t.substring(1), 8) : Integer.parseInt(t);
      return (v & 02) != 0 || (v & 020) != 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
