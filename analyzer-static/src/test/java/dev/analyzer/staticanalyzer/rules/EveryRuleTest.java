package dev.analyzer.staticanalyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.staticanalyzer.source.Language;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every code rule has a positive and a negative example; the list is checked to cover every rule id. */
class EveryRuleTest {

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("py.eval", "py", "x = eval(data)", "x = model.eval()"),
        Arguments.of("py.shell-true", "py", "subprocess.run(cmd, shell=True)", "subprocess.run([cmd], shell=False)"),
        Arguments.of("py.os-system", "py", "os.system('rm ' + f)", "subprocess.run(['rm', f])"),
        Arguments.of("py.pickle", "py", "obj = pickle.loads(blob)", "obj = json.loads(blob)"),
        Arguments.of("py.yaml-load", "py", "cfg = yaml.load(text)", "cfg = yaml.load(text, Loader=yaml.SafeLoader)"),
        Arguments.of("py.flask-debug", "py", "app.run(debug=True)", "app.run(debug=False)"),
        Arguments.of("py.bind-all-interfaces", "py", "app.run(host='0.0.0.0')", "app.run(host='127.0.0.1')"),
        Arguments.of("py.sql-format", "py", "cur.execute(\"SELECT * FROM t WHERE a = '%s'\" % a)",
            "cur.execute('SELECT * FROM t WHERE a = %s', (a,))"),
        Arguments.of("py.weak-hash", "py", "h = hashlib.md5(data)", "h = hashlib.md5(data, usedforsecurity=False)"),
        Arguments.of("py.verify-false", "py", "requests.get(url, verify=False)", "requests.get(url, verify=True)"),
        Arguments.of("py.hardcoded-secret", "py", "db_password = 'Xq9rT2mK8pL4'", "db_password = os.environ['DB_PASSWORD']"),
        Arguments.of("py.ssti", "py", "render_template_string(request.args['t'])", "render_template_string('<p>{{ x }}</p>', x=x)"),
        Arguments.of("py.jinja-autoescape-off", "py", "env = Environment(autoescape=False)", "env = Environment(autoescape=True)"),
        Arguments.of("py.path-traversal", "py", "return send_file(request.args['p'])", "return send_file(REPORT_PATH)"),
        Arguments.of("py.insecure-random", "py", "token = random.choice(chars)", "colour = random.choice(colours)"),
        Arguments.of("py.mktemp", "py", "name = tempfile.mktemp()", "fd, name = tempfile.mkstemp()"),
        Arguments.of("py.xml-parse", "py", "tree = ET.fromstring(body)", "tree = defusedxml.ElementTree.fromstring(body)"),
        Arguments.of("js.eval", "js", "eval(code)", "model.eval(code)"),
        Arguments.of("js.new-function", "js", "const f = new Function(body)", "const f = function () {}"),
        Arguments.of("js.string-timer", "js", "setTimeout('go()', 10)", "setTimeout(go, 10)"),
        Arguments.of("js.inner-html", "js", "el.innerHTML = html", "el.innerHTML = ''"),
        Arguments.of("js.insert-adjacent-html", "js", "el.insertAdjacentHTML('beforeend', html)", "el.append(text)"),
        Arguments.of("js.document-write", "js", "document.write(html)", "document.title = t"),
        Arguments.of("js.dangerously-set-inner-html", "js", "<div dangerouslySetInnerHTML={{ __html: h }} />", "<div>{h}</div>"),
        Arguments.of("js.child-process-exec", "js", "exec(`rm ${f}`)", "execFile('rm', [f])"),
        Arguments.of("js.non-literal-regexp", "js", "new RegExp(input)", "new RegExp('^a+$')"),
        Arguments.of("js.token-in-localstorage", "js", "localStorage.setItem('jwt', t)", "localStorage.setItem('theme', t)"),
        Arguments.of("js.javascript-url", "js", "<a href=\"javascript:go()\">x</a>", "<a href=\"/go\">x</a>"),
        Arguments.of("js.target-blank", "js", "<a href=\"https://x.invalid\" target=\"_blank\">x</a>",
            "<a href=\"https://x.invalid\" target=\"_blank\" rel=\"noopener noreferrer\">x</a>"),
        Arguments.of("js.insecure-http", "js", "const api = 'http://api.x.invalid'", "const api = 'https://api.x.invalid'"),
        Arguments.of("js.hardcoded-secret", "js", "const cfg = { apiKey: 'Zq8Wm3Kx9Lp2Vb7N' }", "const cfg = { apiKey: process.env.KEY }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void positiveAndNegative(String rule, String lang, String positive, String negative) {
    Language language = lang.equals("py") ? Language.PYTHON : Language.JAVASCRIPT;

    assertThat(CodeRuleAnalyzer.analyze("f", positive + "\n", language)).extracting(f -> f.ruleId()).contains(rule);
    assertThat(CodeRuleAnalyzer.analyze("f", negative + "\n", language)).extracting(f -> f.ruleId()).doesNotContain(rule);
  }

  @Test
  void theExamplesCoverEveryRule() {
    Set<String> covered = new HashSet<>();
    examples().forEach(a -> covered.add((String) a.get()[0]));
    Set<String> all = new HashSet<>(Set.of("py.sql-format", "py.hardcoded-secret", "js.javascript-url", "js.target-blank",
        "js.insecure-http", "js.hardcoded-secret"));
    PythonSecurityRules.rules().forEach(r -> all.add(r.id()));
    JsSecurityRules.rules().forEach(r -> all.add(r.id()));

    assertThat(covered).containsAll(all);
  }
}
