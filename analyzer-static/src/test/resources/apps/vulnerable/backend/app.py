import os
import pickle
import sqlite3
import subprocess
import hashlib
import random
import yaml
import requests
from flask import Flask, request, render_template_string, send_file
from flask_cors import CORS

app = Flask(__name__)
app.config['SECRET_KEY'] = 'flask-insecure-3f9a8b7c6d5e4f3a'
CORS(app, supports_credentials=True)
DB_PASSWORD = "Sup3rS3cret-2024x"


def get_db():
    return sqlite3.connect("todos.db")


@app.route("/search")
def search():
    q = request.args.get("q", "")
    cur = get_db().cursor()
    cur.execute(f"SELECT * FROM todos WHERE title LIKE '%{q}%'")
    return render_template_string("<h1>Results for " + q + "</h1>")


@app.route("/todo/<int:todo_id>")
def todo(todo_id):
    cur = get_db().cursor()
    cur.execute("SELECT * FROM todos WHERE id = %s" % todo_id)
    return str(cur.fetchone())


@app.route("/ping")
def ping():
    host = request.args.get("host")
    return subprocess.check_output("ping -c 1 " + host, shell=True)


@app.route("/run")
def run():
    os.system("ls " + request.args.get("dir", "."))
    return "ok"


@app.route("/calc")
def calc():
    return str(eval(request.args.get("expr", "1+1")))


@app.route("/load", methods=["POST"])
def load():
    return str(pickle.loads(request.data))


@app.route("/config", methods=["POST"])
def config():
    return str(yaml.load(request.data))


@app.route("/download")
def download():
    return send_file(request.args.get("path"))


@app.route("/reset")
def reset():
    reset_token = str(random.randint(100000, 999999))
    digest = hashlib.md5(reset_token.encode()).hexdigest()
    requests.get("https://internal.corp.invalid/notify", verify=False)
    return digest


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)
