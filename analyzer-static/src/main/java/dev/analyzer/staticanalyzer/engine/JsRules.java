package dev.analyzer.staticanalyzer.engine;

import static dev.analyzer.core.findings.Confidence.HIGH;
import static dev.analyzer.core.findings.Confidence.LOW;
import static dev.analyzer.core.findings.Severity.MEDIUM;

import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.List;
import java.util.Locale;

/**
 * The call rules of {@code js-security} (JavaScript, JSX, TypeScript, TSX), named {@code js.*} with
 * the ESLint security / no-unsanitized / react rule they correspond to: the injection sinks of
 * Node/Express and the browser, weak crypto and randomness, JWT misuse, CORS, and binding all
 * interfaces. Stateless.
 */
final class JsRules {

  private static final String[] CHILD_EXEC = {"child_process.exec", "child_process.execSync", "shelljs.exec"};
  private static final String[] CHILD_SPAWN = {"child_process.spawn", "child_process.spawnSync",
      "child_process.execFile", "child_process.execFileSync", "child_process.fork"};
  private static final String[] FS = {"fs.readFile", "fs.readFileSync", "fs.createReadStream", "fs.createWriteStream",
      "fs.writeFile", "fs.writeFileSync", "fs.appendFile", "fs.appendFileSync", "fs.unlink", "fs.unlinkSync",
      "fs.readdir", "fs.readdirSync", "fs.rm", "fs.rmSync", "fs.open", "fs.openSync", "fs.promises.readFile",
      "fs.promises.writeFile", "fs.promises.unlink", "fs/promises.readFile", "fs/promises.writeFile",
      "fs/promises.unlink", "fs-extra.readFile", "fs-extra.remove", "fs-extra.readFileSync", "*.sendFile",
      "*.download"};
  private static final String[] HTTP = {"axios", "axios.get", "axios.post", "axios.put", "axios.delete", "axios.patch",
      "axios.head", "axios.request", "fetch", "node-fetch", "http.get", "http.request", "https.get", "https.request",
      "needle", "needle.get", "needle.post", "needle.request", "request", "request.get", "request.post", "got",
      "got.get", "got.post", "superagent.get", "superagent.post", "undici.request", "undici.fetch", "window.fetch"};
  private static final String[] TEMPLATES = {"ejs.render", "ejs.compile", "handlebars.compile", "Handlebars.compile",
      "pug.compile", "pug.render", "jade.compile", "jade.render", "nunjucks.renderString", "swig.render",
      "swig.compile", "lodash.template", "_.template", "underscore.template", "dot.template", "doT.template",
      "mustache.render", "Mustache.render", "hogan.js.compile", "vm2.VM", "squirrelly.render", "eta.render"};

  static final List<CallRule> RULES = List.of(
      CallRule.of("js.sql-injection", "sql-injection", "CWE-89", Severity.HIGH, "SQL query built from data",
          "Use placeholders: db.query('... WHERE id = ?', [id]).").same("js.sql-injection")
          .names("*.query", "*.execute", "*.raw", "*.whereRaw", "*.orderByRaw", "*.havingRaw", "*.joinRaw",
              "*.$queryRawUnsafe", "*.$executeRawUnsafe", "*.unsafe")
          .mode(CallRule.Mode.BUILT).when(s -> !s.method().equals("query") || !isJqueryOrDom(s)).build(),
      CallRule.of("js.sql-injection", "sql-injection", "CWE-89", Severity.HIGH, "SQL query built from data",
          "Use placeholders: db.get('... WHERE id = ?', [id]).").same("js.sql-injection")
          .names("*.get", "*.all", "*.run", "*.each", "*.exec", "*.prepare").mode(CallRule.Mode.BUILT)
          .when(s -> s.arg(0) != null && PythonChecks.SQL.matcher(s.text(s.arg(0)).replaceAll("^[`'\"(]+", ""))
              .matches()).build(),
      CallRule.of("js.nosql-injection", "nosql-injection", "CWE-943", Severity.HIGH,
          "MongoDB query built from request data (operator injection)",
          "Cast fields to strings (String(x)) or use mongo-sanitize; never pass req.body as a query.")
          .names("*.find", "*.findOne", "*.findOneAndUpdate", "*.findOneAndDelete", "*.findOneAndReplace",
              "*.updateOne", "*.updateMany", "*.deleteOne", "*.deleteMany", "*.countDocuments", "*.where",
              "*.aggregate", "*.mapReduce", "*.findAndModify", "*.update", "*.remove", "*.findAll")
          .tainted().args(0, 1).when(s -> s.keyword("where") == null && !s.text(s.node().child("function"))
              .matches("(?s).*(Hash|Hmac|Cipher|hash|hmac|cipher|digest|sign|Sign).*")).build(),
      CallRule.of("js.prototype-pollution", "prototype-pollution", "CWE-1321", Severity.HIGH,
          "Deep merge of request data (prototype pollution)", "Copy only known fields; reject __proto__/constructor keys.")
          .names("lodash.merge", "lodash.mergeWith", "lodash.defaultsDeep", "lodash.set", "lodash.setWith",
              "lodash.zipObjectDeep", "_.merge", "_.defaultsDeep", "_.set", "jquery.extend", "$.extend",
              "deepmerge", "merge", "deep-extend", "hoek.merge", "@hapi/hoek.merge", "dot-prop.set",
              "object-path.set", "lodash.merge.default").tainted().args(0, 1, 2).build(),
      CallRule.of("js.command-injection", "command-injection", "CWE-78", Severity.HIGH,
          "Shell command built from data", "Use execFile/spawn with an argument array and no shell.")
          .same("security/detect-child-process").names(CHILD_EXEC).build(),
      CallRule.of("js.command-injection", "command-injection", "CWE-78", Severity.HIGH,
          "Process started with shell: true from data", "Drop shell: true and pass an argument array.")
          .same("security/detect-child-process").names(CHILD_SPAWN).args(0, 1)
          .when(s -> s.isTrue("shell")).build(),
      CallRule.of("js.command-injection", "command-injection", "CWE-78", Severity.HIGH,
          "Program or arguments of a process taken from the request", "Allow-list the program and its arguments.")
          .same("security/detect-child-process").names(CHILD_SPAWN).tainted().args(0, 1).build(),
      CallRule.of("js.eval", "code-injection", "CWE-95", Severity.HIGH, "eval of a computed string",
          "Never evaluate strings as code; use JSON.parse for data.").same("no-eval/security/detect-eval-with-expression")
          .names("eval", "window.eval", "mathjs.eval", "mathjs.evaluate", "expr-eval.Parser.evaluate",
              "safe-eval", "static-eval").build(),
      CallRule.of("js.new-function", "code-injection", "CWE-95", Severity.HIGH, "Function built from a computed string",
          "Do not construct functions from strings.").same("no-new-func").names("Function")
          .args(0, 1, 2, 3, 4).build(),
      CallRule.of("js.string-timer", "code-injection", "CWE-95", MEDIUM, "setTimeout/setInterval with a string",
          "Pass a function, not a string.").same("no-implied-eval").always().confidence(HIGH)
          .names("setTimeout", "setInterval", "setImmediate", "window.setTimeout", "window.setInterval")
          .when(s -> s.arg(0) != null && (s.arg(0).is("string") || s.arg(0).is("template_string")
              || s.arg(0).is("binary_expression"))).build(),
      CallRule.of("js.vm", "code-injection", "CWE-94", Severity.HIGH, "vm runs computed code",
          "vm is not a sandbox; never run untrusted code with it.").same("security/detect-eval-with-expression")
          .names("vm.runInNewContext", "vm.runInThisContext", "vm.runInContext", "vm.Script", "vm.compileFunction",
              "vm2.VM.run").build(),
      CallRule.of("js.non-literal-require", "code-injection", "CWE-829", MEDIUM, "require of a computed path",
          "Require fixed module names.").same("security/detect-non-literal-require").names("require").build(),
      CallRule.of("js.ssti", "ssti", "CWE-1336", Severity.HIGH, "Template compiled from a computed string",
          "Compile fixed template files and pass data as variables.").names(TEMPLATES).build(),
      CallRule.of("js.xss-response", "xss", "CWE-79", Severity.HIGH, "Request data written into the response",
          "Escape for HTML or send JSON (res.json).").names("*.send", "*.write", "*.end")
          .tainted().when(JsRules::isResponse).build(),
      CallRule.of("js.template-path", "path-traversal", "CWE-22", Severity.HIGH,
          "Template name taken from the request (file inclusion)", "Map request values to a fixed list of views.")
          .names("*.render").tainted().when(JsRules::isResponse).build(),
      CallRule.of("js.angular-bypass", "xss", "CWE-79", Severity.HIGH, "Angular sanitizer bypassed for computed content",
          "Let Angular sanitize; never bypass for data.").names("*.bypassSecurityTrustHtml",
              "*.bypassSecurityTrustScript", "*.bypassSecurityTrustUrl", "*.bypassSecurityTrustResourceUrl",
              "*.bypassSecurityTrustStyle").build(),
      CallRule.of("js.insert-adjacent-html", "xss", "CWE-79", Severity.HIGH, "insertAdjacentHTML with computed HTML",
          "Insert text nodes, or sanitize the HTML first.").same("no-unsanitized/method")
          .names("*.insertAdjacentHTML", "*.createContextualFragment").args(1).build(),
      CallRule.of("js.document-write", "xss", "CWE-79", MEDIUM, "document.write of computed HTML",
          "Build DOM nodes instead of writing HTML.").same("no-unsanitized/method")
          .names("document.write", "document.writeln", "window.document.write").build(),
      CallRule.of("js.jquery-html", "xss", "CWE-79", Severity.HIGH, "jQuery HTML insertion of computed markup",
          "Use .text(), or sanitize with DOMPurify.").same("no-unsanitized/method")
          .names("*.html", "*.append", "*.prepend", "*.after", "*.before", "*.replaceWith", "*.wrap")
          .when(JsRules::isJqueryOrDom).build(),
      CallRule.of("js.handlebars-safestring", "xss", "CWE-79", MEDIUM, "Handlebars SafeString of computed HTML",
          "Escape with Handlebars.escapeExpression first.").names("handlebars.SafeString", "Handlebars.SafeString")
          .build(),
      CallRule.of("js.ssrf", "ssrf", "CWE-918", Severity.HIGH, "Outgoing request to a URL taken from the request",
          "Allow-list hosts and schemes; refuse private addresses.").names(HTTP).tainted().keywords("url").build(),
      CallRule.of("js.path-traversal", "path-traversal", "CWE-22", Severity.HIGH, "File path taken from the request",
          "Resolve the path and check it stays under a base directory; use path.basename for names.")
          .same("security/detect-non-literal-fs-filename").names(FS).tainted()
          .when(s -> s.keyword("root") == null || !s.isMethod()).build(),
      CallRule.of("js.open-redirect", "open-redirect", "CWE-601", MEDIUM, "Redirect to a URL taken from the request",
          "Redirect only to relative paths or allow-listed hosts.")
          .names("*.redirect", "location.assign", "location.replace", "window.location.assign",
              "window.location.replace", "window.open", "document.location.assign").tainted().args(0, 1).build(),
      CallRule.of("js.deserialization", "deserialization", "CWE-502", Severity.HIGH,
          "Deserialization that runs code (node-serialize and friends)", "Use JSON.parse.").always().confidence(HIGH)
          .names("node-serialize.unserialize", "serialize-to-js.deserialize", "funcster.deepDeserialize",
              "cryo.parse").build(),
      CallRule.of("js.xxe", "xxe", "CWE-611", Severity.HIGH, "XML parsed with external entities (noent)",
          "Parse without noent; use a parser that does not expand entities.").always().confidence(HIGH)
          .names("libxmljs.parseXml", "libxmljs.parseXmlString", "libxmljs2.parseXml", "libxmljs2.parseXmlString",
              "libxmljs.parseXmlAsync").when(s -> s.isTrue("noent")).build(),
      CallRule.of("js.weak-hash", "weak-crypto", "CWE-327", MEDIUM, "Weak hash (MD5/SHA1)",
          "Use sha256 (bcrypt/argon2 for passwords).").always().confidence(HIGH).names("crypto.createHash",
              "crypto.createHmac").when(s -> weak(s.literal(s.arg(0)), "md5|md4|sha1|sha-1|ripemd")).build(),
      CallRule.of("js.weak-hash", "weak-crypto", "CWE-327", MEDIUM, "Weak hash (MD5/SHA1)",
          "Use sha256 (bcrypt/argon2 for passwords).").always().confidence(HIGH).names("md5", "sha1",
              "crypto-js.MD5", "crypto-js.SHA1", "CryptoJS.MD5", "CryptoJS.SHA1", "crypto-js/md5", "crypto-js/sha1")
          .build(),
      CallRule.of("js.weak-cipher", "weak-crypto", "CWE-327", Severity.HIGH, "Broken cipher or mode (DES, RC4, ECB)",
          "Use aes-256-gcm with a random IV.").always().confidence(HIGH)
          .names("crypto.createCipheriv", "crypto.createDecipheriv")
          .when(s -> weak(s.literal(s.arg(0)), ".*(des|rc4|rc2|ecb|bf-|blowfish).*")).build(),
      CallRule.of("js.weak-cipher", "weak-crypto", "CWE-327", MEDIUM, "crypto.createCipher (no IV, MD5 key derivation)",
          "Use createCipheriv with a random IV and a derived key.").always().confidence(HIGH)
          .names("crypto.createCipher", "crypto.createDecipher").build(),
      CallRule.of("js.pseudo-random-bytes", "weak-random", "CWE-338", MEDIUM, "crypto.pseudoRandomBytes",
          "Use crypto.randomBytes.").same("security/detect-pseudoRandomBytes").always().confidence(HIGH)
          .names("crypto.pseudoRandomBytes").build(),
      CallRule.of("js.insecure-random", "weak-random", "CWE-330", Severity.LOW, "Math.random used for a security value",
          "Use crypto.randomBytes / crypto.getRandomValues.").always()
          .names("Math.random").when(s -> PythonRules.SECURITY_CONTEXT.matcher(
              s.file().tree().lineText(s.node().line())).matches()).build(),
      CallRule.of("js.jwt-decode", "jwt", "CWE-347", MEDIUM, "jwt.decode does not verify the signature",
          "Use jwt.verify with the key and an algorithms list.").always()
          .names("jsonwebtoken.decode", "jwt-decode", "jwt-decode.default", "jwt-decode.jwtDecode").build(),
      CallRule.of("js.jwt-none", "jwt", "CWE-347", Severity.HIGH, "JWT verified allowing the none algorithm",
          "List only the algorithms you sign with.").always().confidence(HIGH)
          .names("jsonwebtoken.verify", "jsonwebtoken.sign")
          .when(s -> s.text(s.node()).replace(" ", "").matches("(?s).*algorithms?:\\[?[\"']none[\"'].*")).build(),
      CallRule.of("js.jwt-ignore-expiration", "jwt", "CWE-613", MEDIUM, "JWT verified ignoring its expiry",
          "Keep expiry checks on.").always().confidence(HIGH).names("jsonwebtoken.verify")
          .when(s -> s.isTrue("ignoreExpiration")).build(),
      CallRule.of("js.jwt-hardcoded-secret", "hardcoded-secret", "CWE-798", Severity.HIGH,
          "JWT signed or verified with a hardcoded secret", "Read the key from the environment or a secret store.")
          .always().confidence(HIGH).names("jsonwebtoken.sign", "jsonwebtoken.verify")
          .when(s -> SecretNames.isRealSecret(s.literal(s.arg(1)))).build(),
      CallRule.of("js.cors-credentials", "cors", "CWE-942", Severity.HIGH,
          "CORS reflects any origin and allows credentials", "List the allowed origins explicitly.").always()
          .confidence(HIGH).names("cors").when(s -> s.isTrue("credentials") && (s.isTrue("origin")
              || s.keyword("origin") != null && JsDefinitions.isFunction(s.keyword("origin"))
              && s.text(s.keyword("origin")).contains("true"))).build(),
      CallRule.of("js.cors-reflect", "cors", "CWE-942", Severity.HIGH, "Access-Control-Allow-Origin set from the request",
          "Compare the Origin with an allow-list before echoing it.").tainted().args(1)
          .names("*.setHeader", "*.header", "*.set").when(s -> "access-control-allow-origin".equals(
              s.literal(s.arg(0)) == null ? null : s.literal(s.arg(0)).toLowerCase(Locale.ROOT))).build(),
      CallRule.of("js.bind-all-interfaces", "bind-all", "CWE-605", MEDIUM, "Server bound to all interfaces (0.0.0.0)",
          "Bind to 127.0.0.1 unless the service must be reachable from outside.").always()
          .names("*.listen").when(s -> s.args().stream().anyMatch(a -> "0.0.0.0".equals(s.literal(a)))
              || "0.0.0.0".equals(s.literal(s.keyword("host")))).build(),
      CallRule.of("js.non-literal-regexp", "redos", "CWE-1333", Severity.LOW, "RegExp built from a variable (ReDoS)",
          "Escape user input or use a fixed pattern.").same("security/detect-non-literal-regexp")
          .names("RegExp").build(),
      CallRule.of("js.token-in-localstorage", "token-storage", "CWE-922", Severity.LOW,
          "Credential stored in localStorage", "Keep tokens in httpOnly cookies; localStorage is readable by any script.")
          .same("security/local-storage").always().names("localStorage.setItem", "window.localStorage.setItem",
              "sessionStorage.setItem").when(s -> s.literal(s.arg(0)) != null && s.literal(s.arg(0))
              .matches("(?i).*(token|jwt|auth|session|password|secret|credential).*")).build());

  private JsRules() {}

  private static boolean weak(String algorithm, String pattern) {
    return algorithm != null && algorithm.toLowerCase(Locale.ROOT).matches(pattern);
  }

  private static boolean isResponse(Site s) {
    String callee = s.text(s.node().child("function"));
    return callee.matches("(?s)^(res|response|resp|reply|ctx\\.res)\\b.*");
  }

  private static boolean isJqueryOrDom(Site s) {
    SyntaxNode fn = s.node().child("function");
    String callee = fn == null ? "" : s.text(fn);
    return callee.startsWith("$(") || callee.startsWith("jQuery(") || callee.matches("^\\$[A-Za-z_]\\w*\\..*");
  }
}
