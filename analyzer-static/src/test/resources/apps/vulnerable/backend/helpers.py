"""Helpers. The admin password=hunter2 is mentioned here in a docstring, which is not code."""
import os
import subprocess
import hashlib
import yaml

# eval(user_input)  -- commented out, must not be reported
# subprocess.call(cmd, shell=True)
PASSWORD = os.environ.get("APP_PASSWORD")
note = "never call eval(x) or os.system(cmd) here"


def run(cmd_args):
    return subprocess.run(cmd_args, check=True)


def digest(data):
    return hashlib.sha256(data).hexdigest()


def parse(text):
    return yaml.safe_load(text)


def query(cur, todo_id):
    cur.execute("SELECT * FROM todos WHERE id = ?", (todo_id,))
    return cur.fetchall()


def evaluate(model):
    return model.eval()
