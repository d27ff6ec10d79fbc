const express = require('express');
const { exec, execFile } = require('child_process');
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const axios = require('axios');
const jwt = require('jsonwebtoken');
const serialize = require('node-serialize');
const libxmljs = require('libxmljs');
const crypto = require('crypto');
const cors = require('cors');
const mysql = require('mysql');
const { User } = require('./models');
const _ = require('lodash');
const session = require('express-session');
const models = require('./sequelize-models');

const app = express();
const db = mysql.createConnection({ host: 'localhost', user: 'app', password: 'Xk9#mQ2$vL7pR4wZ' }); // VULN: hardcoded-secret
const JWT_SECRET = 'jwt-signing-key-2f9c8e7a6b5d'; // VULN: hardcoded-secret

app.use(cors({ origin: true, credentials: true })); // VULN: cors

function findUser(name) {
  return db.query("SELECT * FROM users WHERE name = '" + name + "'"); // VULN: sql-injection
}

function backup(dir) {
  cp.execSync(`tar czf /tmp/b.tgz ${dir}`); // VULN: command-injection
}

app.get('/user', (req, res) => {
  findUser(req.query.name);
  db.query('SELECT * FROM users WHERE name = ?', [req.query.name]); // SAFE
  res.json({ ok: true });
});

app.post('/backup', (req, res) => {
  const { dir } = req.body;
  backup(dir);
  res.send('ok');
});

app.get('/ls', (req, res) => {
  exec('ls ' + req.query.dir, (err, out) => res.send(out)); // VULN: command-injection
  execFile('ls', ['-l'], () => {}); // SAFE
});

app.get('/eval', (req, res) => {
  const code = req.query.code;
  res.json({ result: eval(code) }); // VULN: code-injection
});

app.get('/fn', (req, res) => {
  const f = new Function('a', req.body.src); // VULN: code-injection
  res.send(String(f(1)));
});

app.get('/hello', (req, res) => {
  const name = req.query.name;
  res.send(`<h1>Hello ${name}</h1>`); // VULN: xss
});

app.get('/hello-safe', (req, res) => {
  const n = parseInt(req.query.n, 10);
  res.send(`<h1>${n}</h1>`); // SAFE
});

app.get('/proxy', async (req, res) => {
  const target = req.query.url;
  const r = await axios.get(target); // VULN: ssrf
  res.json(r.data);
});

app.get('/file', (req, res) => {
  const p = path.join(__dirname, 'files', req.params.name);
  res.sendFile(p); // VULN: path-traversal
});

app.get('/read', (req, res) => {
  fs.readFile(req.query.f, 'utf8', (e, d) => res.send(d)); // VULN: path-traversal
});

app.get('/safe-read', (req, res) => {
  fs.readFile(path.join(__dirname, 'files', path.basename(req.query.f)), 'utf8', () => {}); // SAFE
});

app.get('/out', (req, res) => {
  res.redirect(req.query.to); // VULN: open-redirect
});

app.post('/profile', (req, res) => {
  const obj = serialize.unserialize(req.cookies.profile); // VULN: deserialization
  res.json(obj);
});

app.post('/xml', (req, res) => {
  const doc = libxmljs.parseXml(req.body.xml, { noent: true }); // VULN: xxe
  res.json({ ok: Boolean(doc) });
});

app.post('/login', async (req, res) => {
  const user = await User.findOne({ username: req.body.username, password: req.body.password }); // VULN: nosql-injection
  const token = jwt.sign({ id: user.id }, JWT_SECRET);
  res.json({ token });
});

app.get('/me', (req, res) => {
  const claims = jwt.decode(req.headers.authorization); // VULN: jwt
  res.json(claims);
});

app.get('/hash', (req, res) => {
  const h = crypto.createHash('md5').update(req.query.p).digest('hex'); // VULN: weak-crypto
  const resetToken = Math.random().toString(36); // VULN: weak-random
  res.json({ h, resetToken });
});

app.get('/cors', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin); // VULN: cors
  res.end();
});

const agent = new (require('https').Agent)({ rejectUnauthorized: false }); // VULN: insecure-tls

// exec(req.query.cmd) in a comment is not code
const note = 'eval(req.query.x) inside a string'; // SAFE

app.get('/quiet', (req, res) => {
  exec(req.query.cmd); // eslint-disable-line security/detect-child-process
});

app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: false } })); // VULN: cookie

app.post('/settings', (req, res) => {
  const merged = _.merge({}, req.body); // VULN: prototype-pollution
  res.render(req.query.page, merged); // VULN: path-traversal
});

app.post('/sql-login', async (req, res) => {
  const u = await models.User.findOne({ where: { login: req.body.login } }); // SAFE
  res.json({ ok: Boolean(u) });
});

app.listen(3000, '0.0.0.0'); // VULN: bind-all
module.exports = { app, agent, note };
