"""A deliberately vulnerable todo app (python3 standard library only, Flask-style routes). Never deploy it.

Its flaws are on purpose, one or more for each analyzer service; see ../README.md.
"""
import argparse
import json
import os
import sqlite3
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

DEBUG = True
SECRET_KEY = "9c1e7d3b5a2f8e4d-flask-key"
ADMIN_PASSWORD = "Adm1n-2024-Spring!"
APP_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FRONTEND = os.path.join(APP_DIR, "frontend")

db = sqlite3.connect(":memory:", check_same_thread=False)
db.execute("CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT, done INTEGER)")
db.executemany("INSERT INTO todos (title, done) VALUES (?, ?)",
               [("write the report", 0), ("review the findings", 0), ("ship it", 1)])


class Response:
    def __init__(self, body, status=200, content_type="application/json", headers=None):
        self.body = body if isinstance(body, bytes) else body.encode()
        self.status = status
        self.content_type = content_type
        self.headers = headers or {}


class App:
    """The smallest Flask look-alike: @app.route(path, methods=[...]) on functions taking (request)."""

    def __init__(self):
        self.routes = []

    def route(self, path, methods=("GET",)):
        def register(fn):
            self.routes.append((path, tuple(m.upper() for m in methods), fn))
            return fn
        return register

    def match(self, method, path):
        for pattern, methods, fn in self.routes:
            if method not in methods:
                continue
            if pattern.endswith("/<id>") and path.startswith(pattern[:-4]) and "/" not in path[len(pattern) - 4:]:
                return fn, path[len(pattern) - 4:]
            if pattern == path:
                return fn, None
        return None, None


app = App()


def jsonify(value, status=200):
    return Response(json.dumps(value), status)


@app.route("/api/health")
def health(request):
    return jsonify({"status": "ok"})


@app.route("/api/todos", methods=["GET"])
def list_todos(request):
    rows = db.execute("SELECT id, title, done FROM todos").fetchall()
    return jsonify([{"id": r[0], "title": r[1], "done": bool(r[2])} for r in rows])


@app.route("/api/todos", methods=["POST"])
def create_todo(request):
    data = json.loads(request.body or b"{}")
    title = str(data.get("title", "")).strip()
    if not title:
        return jsonify({"error": "title is required"}, 400)
    cur = db.execute("INSERT INTO todos (title, done) VALUES (?, 0)", (title,))
    return jsonify({"id": cur.lastrowid, "title": title, "done": False}, 201)


@app.route("/api/search")
def search(request):
    q = request.args.get("q", "")
    rows = db.execute("SELECT id, title FROM todos WHERE title LIKE '%" + q + "%'").fetchall()
    return jsonify(rows)


@app.route("/api/todo/<id>")
def get_todo(request, todo_id):
    row = db.execute(f"SELECT id, title FROM todos WHERE id = {todo_id}").fetchone()
    return jsonify(row)


@app.route("/api/report")
def report(request):
    # an expensive report: the load test should see this route's latency
    time.sleep(0.05)
    done = db.execute("SELECT COUNT(*) FROM todos WHERE done = 1").fetchone()[0]
    total = db.execute("SELECT COUNT(*) FROM todos").fetchone()[0]
    return jsonify({"done": done, "total": total})


@app.route("/hello")
def hello(request):
    name = request.args.get("name", "world")
    return Response("<html><body><h1>Hello " + name + "</h1></body></html>", content_type="text/html")


@app.route("/login", methods=["POST"])
def login(request):
    data = json.loads(request.body or b"{}")
    if data.get("user") == "admin" and data.get("password") == ADMIN_PASSWORD:
        return Response(json.dumps({"token": SECRET_KEY}), headers={"Set-Cookie": "session=" + SECRET_KEY + "; Path=/"})
    return jsonify({"error": "bad credentials"}, 401)


@app.route("/")
def index(request):
    with open(os.path.join(FRONTEND, "index.html"), "rb") as f:
        return Response(f.read(), content_type="text/html")


def serve_file(path):
    """A naive static-file fallback: serves any file of the app's directory, .env included."""
    full = os.path.normpath(os.path.join(APP_DIR, path.lstrip("/")))
    for base in (FRONTEND, APP_DIR):
        candidate = os.path.normpath(os.path.join(base, path.lstrip("/")))
        if os.path.isfile(candidate):
            full = candidate
            break
    if not os.path.isfile(full):
        return None
    with open(full, "rb") as f:
        kind = "text/html" if full.endswith(".html") else "application/javascript" if full.endswith(".js") else "text/plain"
        return Response(f.read(), content_type=kind)


class Request:
    def __init__(self, handler):
        url = urlparse(handler.path)
        self.path = url.path
        self.args = {k: v[0] for k, v in parse_qs(url.query).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        self.body = handler.rfile.read(min(length, 1 << 20)) if length else b""


class Handler(BaseHTTPRequestHandler):
    server_version = "SampleApp/0.2"

    def _reply(self, r):
        self.send_response(r.status)
        self.send_header("Content-Type", r.content_type)
        self.send_header("Content-Length", str(len(r.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for k, v in r.headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(r.body)

    def _dispatch(self, method):
        request = Request(self)
        fn, arg = app.match(method, request.path)
        try:
            if fn is not None:
                self._reply(fn(request) if arg is None else fn(request, arg))
                return
            found = serve_file(request.path) if method == "GET" else None
            self._reply(found or jsonify({"error": "not found"}, 404))
        except Exception:
            if DEBUG:
                self._reply(Response("<pre>" + traceback.format_exc() + "</pre>", 500, "text/html"))
            else:
                self._reply(jsonify({"error": "internal"}, 500))

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def log_message(self, fmt, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description="deliberately vulnerable sample app")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BACKEND_PORT", "5055")))
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"sample-app listening on http://127.0.0.1:{args.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
