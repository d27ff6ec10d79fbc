#!/usr/bin/python3
"""'Bookshelf' - a deliberately vulnerable stdlib web app (independent test target).

Run: /usr/bin/python3 /tmp/dyn-outside/app.py [port]   (default 5077, binds 127.0.0.1)
Truth list: TRUTH / DECOYS below (also printed by `app.py --truth`).
"""
import html
import io
import json
import os
import re
import secrets
import sqlite3
import subprocess
import sys
import threading
import traceback
import urllib.parse
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(ROOT, "pages")

TRUTH = [
    # (id, class / expected rule, method path param, note)
    ("P1", "dyn.sqli", "GET /book", "id", "numeric id formatted into SQL; traceback with sqlite3.OperationalError shown"),
    ("P2", "dyn.stack-trace", "GET /book", "id", "Python traceback shown on error"),
    ("P3", "dyn.sqli-blind", "GET /search", "q", "LIKE '%q%' formatted; errors swallowed (boolean only)"),
    ("P4", "dyn.xss-reflected", "GET /subscribe", "email", "reflected in value=\"...\" with < > escaped, quotes not (attribute breakout)"),
    ("P5", "dyn.xss-reflected", "GET /track", "ref", "reflected in a <script> JS string, < > escaped as \\x3c, quote not (JS-string breakout)"),
    ("P6", "xss-stored", "POST /guestbook", "message", "stored raw, shown on GET /guestbook (PRG 303)"),
    ("P7", "dyn.open-redirect", "GET /redirect", "url", "Location: url unchecked"),
    ("P8", "dyn.path-traversal", "GET /read", "page", "open(os.path.join(PAGES, page))"),
    ("P9", "dyn.command-injection", "GET /tools/dns", "ip", "subprocess shell=True 'getent hosts ' + ip, output shown"),
    ("P10", "dyn.ssti", "GET /card", "greeting", "{{expr}} evaluated with eval()"),
    ("P11", "dyn.csp-missing/clickjacking/nosniff/...", "all", None, "no security headers anywhere"),
    ("P12", "dyn.cookie-no-httponly + no-samesite", "GET /", None, "Set-Cookie visitor=...; Path=/ (no flags); login sets sid= without flags too"),
    ("P13", "dyn.cors-reflected-origin", "GET /api/*", None, "ACAO = request Origin, ACAC: true"),
    ("P14", "dyn.exposed-git", "GET /.git/config", None, "[core] config (and /.git/HEAD)"),
    ("P15", "dyn.exposed-backup", "GET /backup.zip", None, "real zip"),
    ("P16", "dyn.exposed-backup", "GET /config.php.bak", None, "<?php db password (config.php not linked)"),
    ("P17", "dyn.exposed-env", "GET /.env", None, "KEY=value lines"),
    ("P18", "dyn.sqli", "GET /api/books", "id", "JSON API, id formatted into SQL, JSON error with sqlite message; found only via /static/app.js fetch()"),
    ("P19", "dyn.sqli(-blind)", "POST /login", "username", "form login, SQL formatted (auth bypass); generic error; needs unsafe"),
    ("P20", "dyn.sqli", "POST /api/reviews/search", "author", "JSON body from app.js fetch(); SQL formatted, error JSON; needs unsafe"),
    ("P21", "dyn.xss-reflected", "GET /account", "tab", "raw reflection, only when logged in (form login alice/alice123)"),
    ("P22", "dyn.server-version-leak/dev-server", "all", None, "Server: BaseHTTP/0.6 Python/3.11.x"),
]
DECOYS = [
    ("D1", "dyn.exposed-*/admin/source-map", "SPA fallback: any unknown path -> 200 + index.html shell"),
    ("D2", "dyn.xss-reflected", "GET /hello?who= html.escape(quote=True) in body and in attribute"),
    ("D3", "dyn.sqli*", "GET /author?id= parameterised query"),
    ("D4", "dyn.sqli", "GET /help/errors static page mentioning 'You have an error in your SQL syntax' etc."),
    ("D5", "dyn.sqli", "GET /faq?topic= unknown topic falls back to full FAQ listing that mentions SQL syntax errors"),
    ("D6", "dyn.open-redirect", "GET /continue?next= only local paths (no //, no backslash)"),
    ("D7", "dyn.path-traversal", "GET /download?file= basename() only"),
    ("D8", "dyn.command-injection", "GET /tools/check?host= regex-validated, no shell"),
    ("D9", "dyn.cors-wildcard-credentials", "GET /public/stats ACAO * without credentials"),
    ("D10", "dyn.sqli-blind", "GET /books?page= paginated list, non-numeric page -> page 1 (int() fallback)"),
]

DB_LOCK = threading.Lock()


def db():
    c = sqlite3.connect(":memory:", check_same_thread=False)
    c.executescript("""
    create table books(id integer primary key, title text, author_id int, price real);
    create table authors(id integer primary key, name text);
    create table users(id integer primary key, username text, password text);
    create table reviews(id integer primary key, author text, body text);
    create table guestbook(id integer primary key, message text);
    insert into authors values (1,'Ursula Le Guin'),(2,'Terry Pratchett'),(3,'Iain Banks');
    insert into books values (1,'The Dispossessed',1,9.5),(2,'Mort',2,7.0),(3,'Excession',3,8.25),
        (4,'Small Gods',2,6.5),(5,'The Lathe of Heaven',1,5.0);
    insert into users values (1,'alice','alice123'),(2,'bob','hunter2');
    insert into reviews values (1,'alice','Loved it'),(2,'bob','Too long');
    """)
    return c


CONN = db()
SESSIONS = {}


def q(sql, args=()):
    with DB_LOCK:
        return CONN.execute(sql, args).fetchall()


def layout(title, body, extra_head=""):
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{title} - Bookshelf</title>{extra_head}
<link rel="stylesheet" href="/static/site.css"></head>
<body><header><nav>
<a href="/">Home</a> | <a href="/books">Books</a> | <a href="/search?q=gods">Search</a> |
<a href="/guestbook">Guestbook</a> | <a href="/faq?topic=shipping">FAQ</a> |
<a href="/help/errors">Error codes</a> | <a href="/login">Sign in</a><!--ACCT-->
</nav></header>
<main>{body}</main>
<footer><a href="/hello?who=reader">Say hi</a> · <a href="/read?page=about.txt">About</a> ·
<a href="/download?file=catalog.txt">Catalog</a> · <a href="/subscribe?email=you%40example.org">Newsletter</a> ·
<a href="/track?ref=footer">Partners</a> · <a href="/card?greeting=Happy+reading">Gift card</a> ·
<a href="/continue?next=/books">Continue</a> · <a href="/redirect?url=/books">Shop</a> ·
<a href="/tools/dns?ip=127.0.0.1">DNS tool</a> · <a href="/tools/check?host=localhost">Host check</a> ·
<a href="/public/stats">Stats</a></footer>
<script src="/static/app.js"></script>
</body></html>"""


SPA_SHELL = """<!doctype html><html><head><meta charset="utf-8"><title>Bookshelf App</title>
<script>window.__CONFIG__={"apiBase":"/api","build":"2024.11.3"}</script></head>
<body><div id="app">Loading...</div><noscript>Enable JavaScript.</noscript>
<script src="/static/app.js"></script></body></html>"""

APP_JS = """// bookshelf client
async function loadBook(id) {
  const r = await fetch('/api/books?id=' + encodeURIComponent(id), {credentials: 'include'});
  return r.json();
}
async function searchReviews(author) {
  const r = await fetch('/api/reviews/search', {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({author: author})});
  return r.json();
}
document.addEventListener('DOMContentLoaded', () => { /* hydrate */ });
"""

FAQ = {
    "shipping": "We ship worldwide within 5 days.",
    "returns": "Returns are accepted for 30 days.",
}
FAQ_ALL = """<h2>All questions</h2><dl>
<dt>Shipping</dt><dd>We ship worldwide within 5 days.</dd>
<dt>Returns</dt><dd>Returns are accepted for 30 days.</dd>
<dt>I see "You have an error in your SQL syntax" or "sqlite3.OperationalError: unrecognized token"</dt>
<dd>That message comes from your own reading-list import spreadsheet plugin, not from us. Re-export the file.</dd>
</dl>"""

HELP_ERRORS = """<h1>Error codes</h1>
<p>Our import tool passes through database messages. Common ones:</p>
<ul>
<li><code>You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version</code></li>
<li><code>sqlite3.OperationalError: near "x": syntax error</code></li>
<li><code>ERROR: unterminated quoted string at or near "'"</code> (PostgreSQL)</li>
<li><code>Unclosed quotation mark after the character string</code> (SQL Server)</li>
<li><code>ORA-00933: SQL command not properly ended</code></li>
</ul>
<pre>Traceback examples are shown in the admin manual only.</pre>"""

GIT_CONFIG = """[core]
\trepositoryformatversion = 0
\tfilemode = true
\tbare = false
\tlogallrefupdates = true
[remote "origin"]
\turl = git@github.com:bookshelf/bookshelf.git
\tfetch = +refs/heads/*:refs/remotes/origin/*
[branch "main"]
\tremote = origin
\tmerge = refs/heads/main
"""
ENV_FILE = """FLASK_ENV=production
SECRET_KEY=8f1c2d9e7a6b5c4d3e2f1a0b
DATABASE_URL=postgres://bookshelf:Sup3rS3cret@db:5432/bookshelf
SMTP_PASSWORD=mailpass123
"""
CONFIG_BAK = """<?php
// database settings
$db_host = 'localhost';
$db_user = 'bookshelf';
$db_pass = 'Sup3rS3cret';
define('AUTH_KEY', 'x8Hk2...');
?>
"""


def make_zip():
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("bookshelf/app.py", "SECRET_KEY='8f1c2d9e'\n")
        z.writestr("bookshelf/db.sqlite3", "SQLite format 3\x00")
    return b.getvalue()


BACKUP_ZIP = make_zip()


def render_template(s):
    # "templating": evaluate {{ expr }}
    def sub(m):
        try:
            return str(eval(m.group(1), {"__builtins__": {}}, {}))
        except Exception:
            return m.group(0)
    return re.sub(r"\{\{(.*?)\}\}", sub, s)


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *a):
        if os.environ.get("APP_LOG"):
            sys.stderr.write("%s %s\n" % (self.command, self.path))

    # ---- helpers
    def send(self, code, body, ctype="text/html; charset=utf-8", headers=()):
        if isinstance(body, str):
            if "<!--ACCT-->" in body and self.user():
                body = body.replace("<!--ACCT-->", " | <a href='/account?tab=profile'>My account</a>")
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def cors(self):
        o = self.headers.get("Origin")
        if o:
            return [("Access-Control-Allow-Origin", o), ("Access-Control-Allow-Credentials", "true"), ("Vary", "Origin")]
        return []

    def cookies(self):
        out = {}
        for part in (self.headers.get("Cookie") or "").split(";"):
            if "=" in part:
                k, v = part.strip().split("=", 1)
                out[k] = v
        return out

    def user(self):
        return SESSIONS.get(self.cookies().get("sid"))

    def body_bytes(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    # ---- verbs
    def do_HEAD(self):
        self.do_GET()

    def do_OPTIONS(self):
        self.send(204, b"", headers=[("Allow", "GET, POST, HEAD, OPTIONS")] + self.cors())

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        p = u.path
        a = {k: v[0] for k, v in urllib.parse.parse_qs(u.query, keep_blank_values=True).items()}
        try:
            self.route_get(p, a)
        except Exception:
            self.send(500, layout("Error", "<h1>Internal error</h1>"))

    def do_POST(self):
        u = urllib.parse.urlsplit(self.path)
        raw = self.body_bytes()
        try:
            self.route_post(u.path, raw)
        except Exception:
            self.send(500, layout("Error", "<h1>Internal error</h1>"))

    # ---- GET routes
    def route_get(self, p, a):
        if p == "/":
            body = "<h1>Welcome to Bookshelf</h1><p>Browse our <a href='/books'>books</a>, or look up <a href='/book?id=1'>a classic</a>" \
                   " by <a href='/author?id=2'>an author</a>.</p>"
            return self.send(200, layout("Home", body),
                             headers=[("Set-Cookie", "visitor=%s; Path=/" % secrets.token_hex(8))])
        if p == "/books":
            try:
                page = max(1, int(a.get("page", "1")))
            except ValueError:
                page = 1
            rows = q("select id,title from books order by id limit 3 offset ?", ((page - 1) * 3,))
            items = "".join(f"<li><a href='/book?id={i}'>{html.escape(t)}</a></li>" for i, t in rows)
            return self.send(200, layout("Books", f"<h1>Books</h1><ul>{items}</ul><a href='/books?page={page+1}'>next</a>"))
        if p == "/book":  # P1 P2
            bid = a.get("id", "1")
            try:
                rows = q("select b.title, a.name, b.price from books b join authors a on a.id=b.author_id where b.id = %s" % bid)
            except Exception:
                return self.send(500, "<h1>Server Error</h1><pre>" + html.escape(traceback.format_exc()) + "</pre>")
            if not rows:
                return self.send(404, layout("Not found", "<p>No such book.</p>"))
            t, n, pr = rows[0]
            return self.send(200, layout(t, f"<h1>{html.escape(t)}</h1><p>by {html.escape(n)}, ${pr}</p>"))
        if p == "/author":  # D3
            try:
                rows = q("select name from authors where id = ?", (a.get("id", ""),))
            except Exception:
                rows = []
            if not rows:
                return self.send(404, layout("Not found", "<p>Unknown author.</p>"))
            return self.send(200, layout("Author", f"<h1>{html.escape(rows[0][0])}</h1>"))
        if p == "/search":  # P3
            term = a.get("q", "")
            try:
                rows = q("select id,title from books where title like '%%%s%%' order by id" % term)
            except Exception:
                rows = []
            items = "".join(f"<li><a href='/book?id={i}'>{html.escape(t)}</a></li>" for i, t in rows)
            return self.send(200, layout("Search", f"<h1>Results</h1><p>{len(rows)} result(s)</p><ul>{items}</ul>"
                                         "<form action='/search'><input name='q'><button>Search</button></form>"))
        if p == "/subscribe":  # P4
            email = a.get("email", "").replace("<", "&lt;").replace(">", "&gt;")
            return self.send(200, layout("Newsletter", f"<h1>Newsletter</h1><form action='/subscribe'>"
                                         f"<input type=\"email\" name=\"email\" value=\"{email}\"><button>Subscribe</button></form>"))
        if p == "/track":  # P5
            ref = a.get("ref", "").replace("<", "\\x3c").replace(">", "\\x3e")
            return self.send(200, layout("Partners", "<h1>Our partners</h1><p>Thanks for visiting.</p>"
                                         f"<script>var referrer = '{ref}'; console.log('ref', referrer);</script>"))
        if p == "/hello":  # D2
            who = html.escape(a.get("who", ""), quote=True)
            return self.send(200, layout("Hello", f"<h1>Hello {who}</h1><input name=\"who\" value=\"{who}\">"))
        if p == "/guestbook":  # P6 (view)
            rows = q("select message from guestbook order by id")
            items = "".join(f"<li>{m}</li>" for (m,) in rows)
            return self.send(200, layout("Guestbook", f"<h1>Guestbook</h1><ul>{items}</ul>"
                                         "<form method='post' action='/guestbook'><textarea name='message'></textarea>"
                                         "<button>Sign</button></form>"))
        if p == "/redirect":  # P7
            return self.send(302, b"", headers=[("Location", a.get("url", "/"))])
        if p == "/continue":  # D6
            nxt = a.get("next", "/")
            if not nxt.startswith("/") or nxt.startswith("//") or "\\" in nxt:
                nxt = "/"
            return self.send(302, b"", headers=[("Location", nxt)])
        if p == "/read":  # P8
            page = a.get("page", "about.txt")
            try:
                with open(os.path.join(PAGES, page), encoding="utf-8", errors="replace") as f:
                    txt = f.read()
            except OSError:
                return self.send(404, layout("Not found", "<p>No such page.</p>"))
            return self.send(200, layout("Page", f"<pre>{html.escape(txt)}</pre>"))
        if p == "/download":  # D7
            name = os.path.basename(a.get("file", ""))
            path = os.path.join(PAGES, name)
            if not name or not os.path.isfile(path):
                return self.send(404, layout("Not found", "<p>No such file.</p>"))
            with open(path, "rb") as f:
                return self.send(200, f.read(), "text/plain; charset=utf-8")
        if p == "/tools/dns":  # P9
            ip = a.get("ip", "")
            out = subprocess.run("getent hosts " + ip, shell=True, capture_output=True, text=True, timeout=15)
            return self.send(200, layout("DNS", f"<h1>Lookup</h1><pre>{html.escape(out.stdout + out.stderr)}</pre>"))
        if p == "/tools/check":  # D8
            host = a.get("host", "")
            if not re.fullmatch(r"[A-Za-z0-9.-]{1,64}", host):
                return self.send(400, layout("Check", "<p>Invalid host name.</p>"))
            out = subprocess.run(["getent", "hosts", host], capture_output=True, text=True, timeout=5)
            return self.send(200, layout("Check", f"<pre>{html.escape(out.stdout) or 'unknown host'}</pre>"))
        if p == "/card":  # P10
            g = a.get("greeting", "")
            return self.send(200, layout("Gift card", f"<div class='card'>{html.escape(render_template(g))}</div>"))
        if p == "/faq":  # D5
            t = a.get("topic", "")
            body = f"<h1>FAQ</h1><p>{FAQ[t]}</p>" if t in FAQ else f"<h1>FAQ</h1>{FAQ_ALL}"
            return self.send(200, layout("FAQ", body))
        if p == "/help/errors":  # D4
            return self.send(200, layout("Errors", HELP_ERRORS))
        if p == "/login":
            return self.send(200, layout("Sign in", "<h1>Sign in</h1><form method='post' action='/login'>"
                                         f"<input type='hidden' name='csrf' value='{secrets.token_hex(8)}'>"
                                         "<input name='username'><input type='password' name='password'>"
                                         "<button>Sign in</button></form>"))
        if p == "/account":  # P21
            u = self.user()
            if not u:
                return self.send(302, b"", headers=[("Location", "/login")])
            tab = a.get("tab", "profile")
            return self.send(200, layout("Account", f"<h1>Hi {html.escape(u)}</h1><p>Tab: {tab}</p>"
                                         "<a href='/account?tab=orders'>Orders</a>"))
        if p == "/api/books":  # P18
            bid = a.get("id", "1")
            try:
                rows = q("select id,title,price from books where id=%s" % bid)
            except sqlite3.Error as e:
                return self.send(500, json.dumps({"error": "sqlite3.%s: %s" % (type(e).__name__, e)}),
                                 "application/json", self.cors())
            return self.send(200, json.dumps([dict(id=r[0], title=r[1], price=r[2]) for r in rows]),
                             "application/json", self.cors())
        if p == "/public/stats":  # D9
            return self.send(200, json.dumps({"books": 5}), "application/json",
                             [("Access-Control-Allow-Origin", "*")])
        if p == "/static/app.js":
            return self.send(200, APP_JS, "application/javascript")
        if p == "/static/site.css":
            return self.send(200, "body{font-family:sans-serif}", "text/css")
        if p == "/.git/config":  # P14
            return self.send(200, GIT_CONFIG, "text/plain")
        if p == "/.git/HEAD":
            return self.send(200, "ref: refs/heads/main\n", "text/plain")
        if p == "/.env":  # P17
            return self.send(200, ENV_FILE, "text/plain")
        if p == "/backup.zip":  # P15
            return self.send(200, BACKUP_ZIP, "application/zip")
        if p == "/config.php.bak":  # P16
            return self.send(200, CONFIG_BAK, "application/octet-stream")
        if p == "/config.php":
            return self.send(200, "", "text/html")
        # D1: SPA fallback
        return self.send(200, SPA_SHELL)

    # ---- POST routes
    def route_post(self, p, raw):
        form = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).items()}
        if p == "/guestbook":  # P6
            msg = form.get("message", "")
            if msg:
                with DB_LOCK:
                    CONN.execute("insert into guestbook(message) values (?)", (msg,))
            return self.send(303, b"", headers=[("Location", "/guestbook")])
        if p == "/login":  # P19
            u, pw = form.get("username", ""), form.get("password", "")
            try:
                rows = q("select username from users where username='%s' and password='%s'" % (u, pw))
            except Exception:
                rows = []
            if rows:
                sid = secrets.token_hex(16)
                SESSIONS[sid] = rows[0][0]
                return self.send(302, b"", headers=[("Location", "/account"), ("Set-Cookie", "sid=%s; Path=/" % sid)])
            return self.send(200, layout("Sign in", "<p>Invalid username or password.</p>"
                                         "<form method='post' action='/login'><input name='username'>"
                                         "<input type='password' name='password'><button>Sign in</button></form>"))
        if p == "/api/reviews/search":  # P20
            try:
                data = json.loads(raw or b"{}")
                author = data.get("author", "")
                rows = q("select author, body from reviews where author = '%s'" % author)
            except sqlite3.Error as e:
                return self.send(500, json.dumps({"error": "sqlite3.%s: %s" % (type(e).__name__, e)}),
                                 "application/json", self.cors())
            except Exception:
                return self.send(400, json.dumps({"error": "bad request"}), "application/json")
            return self.send(200, json.dumps([dict(author=r[0], body=r[1]) for r in rows]), "application/json", self.cors())
        return self.send(404, json.dumps({"error": "not found"}), "application/json")


def main():
    if "--truth" in sys.argv:
        for t in TRUTH:
            print(*t, sep=" | ")
        print("--")
        for d in DECOYS:
            print(*d, sep=" | ")
        return
    os.makedirs(PAGES, exist_ok=True)
    for n, t in (("about.txt", "Bookshelf is a small independent bookshop.\n"), ("catalog.txt", "1 The Dispossessed\n2 Mort\n")):
        path = os.path.join(PAGES, n)
        if not os.path.exists(path):
            with open(path, "w") as f:
                f.write(t)
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 5077
    srv = ThreadingHTTPServer(("127.0.0.1", port), H)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
