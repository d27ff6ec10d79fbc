"""A deliberately vulnerable todo API (stdlib only). Never deploy it."""
import argparse
import json
import sqlite3
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

DEBUG = True
SECRET_KEY = "9c1e7d3b5a2f8e4d-flask-key"
ADMIN_PASSWORD = "Adm1n-2024-Spring!"

db = sqlite3.connect(":memory:", check_same_thread=False)
db.execute("CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT, done INTEGER)")
db.executemany("INSERT INTO todos (title, done) VALUES (?, ?)",
               [("write the report", 0), ("review the findings", 0), ("ship it", 1)])


class Handler(BaseHTTPRequestHandler):
    server_version = "SampleApp/0.1"

    def _send(self, status, body, content_type="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        try:
            if url.path == "/api/health":
                self._send(200, json.dumps({"status": "ok"}))
            elif url.path == "/api/todos":
                rows = db.execute("SELECT id, title, done FROM todos").fetchall()
                self._send(200, json.dumps([{"id": r[0], "title": r[1], "done": bool(r[2])} for r in rows]))
            elif url.path == "/api/search":
                q = query.get("q", [""])[0]
                rows = db.execute("SELECT id, title FROM todos WHERE title LIKE '%" + q + "%'").fetchall()
                self._send(200, json.dumps(rows))
            elif url.path.startswith("/api/todo/"):
                todo_id = url.path.rsplit("/", 1)[1]
                row = db.execute(f"SELECT id, title FROM todos WHERE id = {todo_id}").fetchone()
                self._send(200, json.dumps(row))
            elif url.path == "/hello":
                name = query.get("name", ["world"])[0]
                self._send(200, "<h1>Hello " + name + "</h1>", "text/html")
            else:
                self._send(404, json.dumps({"error": "not found"}))
        except Exception:
            if DEBUG:
                self._send(500, "<pre>" + traceback.format_exc() + "</pre>", "text/html")
            else:
                self._send(500, json.dumps({"error": "internal"}))

    def log_message(self, fmt, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description="deliberately vulnerable sample app")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"sample-app listening on http://127.0.0.1:{args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
