package dev.analyzer.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A generated app tree for scan benchmarks: Flask-style Python modules and React-style JSX files of
 * realistic size, mostly ordinary code, comments and docstrings, with a few dangerous calls mixed
 * in. Deterministic for a given seed, so runs compare like with like.
 */
final class Corpus {

  private static final String[] PY_SNIPPETS = {
      "def handler_%d(request):\n    \"\"\"Return the items of the current user.\"\"\"\n    items = db.query(Item).filter_by(owner=request.user).all()\n    return jsonify([i.to_dict() for i in items])\n",
      "class Model%d(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    title = db.Column(db.String(200), nullable=False)\n    # keep in sync with the frontend form\n",
      "def compute_%d(values):\n    total = 0\n    for v in values:\n        if v is None:\n            continue\n        total += v * 2\n    return total\n",
      "@app.route('/api/things/%d')\ndef thing(thing_id):\n    thing = Thing.query.get_or_404(thing_id)\n    return jsonify(thing.to_dict())\n",
  };
  private static final String[] PY_RISKY = {
      "def search_%d(q):\n    cur.execute(f\"SELECT * FROM t WHERE name = '{q}'\")\n",
      "def run_%d(cmd):\n    return subprocess.call(cmd, shell=True)\n",
      "def calc_%d(expr):\n    return eval(expr)\n",
      "API_KEY_%d = 'q8W3mK9xL2pV7bN4tR1c'\n",
  };
  private static final String[] JS_SNIPPETS = {
      "export function List%d({ items }) {\n  // render the list\n  return <ul>{items.map((i) => <li key={i.id}>{i.title}</li>)}</ul>;\n}\n",
      "export async function load%d(id) {\n  const res = await fetch(`/api/items/${id}`);\n  if (!res.ok) throw new Error('failed ' + res.status);\n  return res.json();\n}\n",
      "const styles%d = { padding: 8, margin: '0 auto', color: \"#333\" };\n",
  };
  private static final String[] JS_RISKY = {
      "export function Html%d({ html }) {\n  return <div dangerouslySetInnerHTML={{ __html: html }} />;\n}\n",
      "function show%d(t) { document.getElementById('x').innerHTML = t; }\n",
  };

  private Corpus() {}

  /** Writes {@code pyFiles} Python and {@code jsFiles} JSX files under {@code root}; returns total bytes. */
  static long generate(Path root, int pyFiles, int jsFiles, long seed) throws IOException {
    Random r = new Random(seed);
    long bytes = 0;
    Path py = Files.createDirectories(root.resolve("backend"));
    for (int f = 0; f < pyFiles; f++) {
      StringBuilder sb = new StringBuilder("import os\nimport subprocess\nfrom flask import Flask, jsonify\n\n");
      int blocks = 15 + r.nextInt(25);
      for (int b = 0; b < blocks; b++) {
        String[] pool = r.nextInt(100) < 4 ? PY_RISKY : PY_SNIPPETS;
        sb.append(String.format(pool[r.nextInt(pool.length)], f * 1000 + b)).append('\n');
      }
      bytes += write(py.resolve("module_" + f + ".py"), sb.toString());
    }
    Path js = Files.createDirectories(root.resolve("frontend/src"));
    for (int f = 0; f < jsFiles; f++) {
      StringBuilder sb = new StringBuilder("import React from 'react';\n\n");
      int blocks = 15 + r.nextInt(25);
      for (int b = 0; b < blocks; b++) {
        String[] pool = r.nextInt(100) < 4 ? JS_RISKY : JS_SNIPPETS;
        sb.append(String.format(pool[r.nextInt(pool.length)], f * 1000 + b)).append('\n');
      }
      bytes += write(js.resolve("Component" + f + ".jsx"), sb.toString());
    }
    return bytes;
  }

  private static long write(Path p, String s) throws IOException {
    Files.writeString(p, s);
    return Files.size(p);
  }
}
