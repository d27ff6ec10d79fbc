import os
import pickle
import base64
import sqlite3
import subprocess as sp
import xml.etree.ElementTree as badET
from subprocess import Popen as P
import hashlib
import random
import jwt
import requests
import yaml
from lxml import etree
from flask import Flask, request, redirect, render_template_string, send_file, send_from_directory, Markup
from flask_cors import CORS
from markupsafe import escape
from werkzeug.utils import secure_filename
from flask_wtf.csrf import CSRFProtect

from helpers import run_report

app = Flask(__name__)
app.config["SECRET_KEY"] = "correct horse battery staple"  # VULN: hardcoded-secret
CORS(app, supports_credentials=True)  # VULN: cors
csrf = CSRFProtect(app)
API_TOKEN = "tok_9f8e7d6c5b4a3f2e1d0c"  # VULN: hardcoded-secret


def db():
    return sqlite3.connect("app.db")


def build_query(term):
    return "SELECT * FROM items WHERE name = '" + term + "'"  # VULN: sql-injection


def run_shell(cmd):
    return sp.check_output(cmd, shell=True)  # VULN: command-injection


@app.route("/items")
def items():
    term = request.args.get("q", "")
    cur = db().cursor()
    cur.execute(build_query(term))  # VULN: sql-injection
    cur.execute("SELECT * FROM items WHERE name = ?", (term,))  # SAFE
    return str(cur.fetchall())


@app.route("/user/<uid>")
def user(uid):
    cur = db().cursor()
    sql = f"SELECT * FROM users WHERE id = {uid}"
    cur.execute(sql)  # VULN: sql-injection
    return "ok"


@app.route("/ping")
def ping():
    host = request.args["host"]
    return run_shell("ping -c 1 " + host)


@app.route("/popen")
def popen():
    P(request.form["cmd"], shell=True)  # VULN: command-injection
    os.system("ls " + request.values.get("d"))  # VULN: command-injection
    sp.run(["ls", "-l"], check=True)  # SAFE
    return "ok"


@app.route("/calc")
def calc():
    expr = request.args.get("e")
    return str(eval(expr))  # VULN: code-injection


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    return render_template_string("<p>Hello " + name + "</p>")  # VULN: ssti


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    return f"<h1>Hello {name}</h1>"  # VULN: xss


@app.route("/safe-greet")
def safe_greet():
    name = escape(request.args.get("name", ""))
    return f"<h1>Hello {name}</h1>"  # SAFE


@app.route("/markup")
def markup():
    return Markup(request.args.get("html"))  # VULN: xss


@app.route("/fetch")
def fetch():
    url = request.args.get("url")
    return requests.get(url, timeout=5).text  # VULN: ssrf


@app.route("/fixed-fetch")
def fixed_fetch():
    return requests.get("https://api.internal.invalid/status", timeout=5).text  # SAFE


@app.route("/file")
def read_file():
    path = request.args.get("path")
    with open(path) as fh:  # VULN: path-traversal
        return fh.read()


@app.route("/download")
def download():
    name = secure_filename(request.args.get("name", ""))
    return send_from_directory("/srv/files", name)  # SAFE


@app.route("/report")
def report():
    return send_file(os.path.join("/srv/reports", request.args["r"]))  # VULN: path-traversal


@app.route("/go")
def go():
    return redirect(request.args.get("next"))  # VULN: open-redirect


@app.route("/session")
def session_restore():
    blob = request.cookies.get("state")
    return str(pickle.loads(base64.b64decode(blob)))  # VULN: deserialization


@app.route("/config", methods=["POST"])
def config():
    return str(yaml.load(request.data))  # VULN: deserialization


@app.route("/safe-config", methods=["POST"])
def safe_config():
    return str(yaml.safe_load(request.data))  # SAFE


@app.route("/xml", methods=["POST"])
def xml():
    parser = etree.XMLParser(resolve_entities=True)  # VULN: xxe
    tree = etree.fromstring(request.data, parser)
    other = badET.fromstring(request.data)  # VULN: xxe
    return str(tree) + str(other)


@app.route("/token")
def token():
    claims = jwt.decode(request.headers.get("Authorization"), options={"verify_signature": False})  # VULN: jwt
    return str(claims)


@app.route("/reset")
def reset():
    reset_token = str(random.randint(100000, 999999))  # VULN: weak-random
    digest = hashlib.md5(reset_token.encode()).hexdigest()  # VULN: weak-crypto
    requests.post("https://mail.internal.invalid", data=digest, verify=False, timeout=5)  # VULN: insecure-tls
    colour = random.choice(["red", "blue"])  # SAFE
    return colour


@app.route("/report-run")
def report_run():
    return run_report(request.args.get("name"))


UPLOAD_DIR = "/srv/uploads"


@app.route("/upload", methods=["POST"])
@csrf.exempt  # VULN: csrf
def upload():
    f = request.files["doc"]
    f.save(os.path.join(UPLOAD_DIR, f.filename))  # VULN: path-traversal
    f.save(os.path.join(UPLOAD_DIR, secure_filename(f.filename)))  # SAFE
    return "ok"


def store_password(password):
    return hashlib.sha256(password.encode()).hexdigest()  # VULN: password-hash


@app.route("/quiet")
def quiet():
    os.system(request.args.get("c"))  # nosec
    return "ok"


def comment_only():
    # os.system(request.args.get("c")) is how not to do it
    text = "eval(request.args['x']) in a string is not code"  # SAFE
    return text


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)  # VULN: debug, bind-all
