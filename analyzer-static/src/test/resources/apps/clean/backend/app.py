import os
import sqlite3
from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]


def get_db():
    return sqlite3.connect(os.environ.get("DB_PATH", "todos.db"))


@app.route("/api/todos")
def todos():
    cur = get_db().cursor()
    cur.execute("SELECT id, title FROM todos WHERE owner = ?", (request.args.get("owner", ""),))
    return jsonify(cur.fetchall())


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
