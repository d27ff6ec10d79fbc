import React, { useEffect, useState } from 'react';

const API = 'http://api.sample-app.invalid';

export default function App() {
  const [todos, setTodos] = useState([]);
  const [note, setNote] = useState('');

  useEffect(() => {
    fetch('/api/todos').then((r) => r.json()).then(setTodos);
  }, []);

  const login = async (user, password) => {
    const res = await fetch(`${API}/login`, { method: 'POST', body: JSON.stringify({ user, password }) });
    const body = await res.json();
    localStorage.setItem('accessToken', body.token);
  };

  const calculate = (expr) => eval(expr);

  const showBanner = (msg) => {
    document.getElementById('banner').innerHTML = '<script>track("' + msg + '")</script><b>' + msg + '</b>';
  };

  return (
    <main>
      <h1>Todos</h1>
      <ul>{todos.map((t) => <li key={t.id}>{t.title}</li>)}</ul>
      <div dangerouslySetInnerHTML={{ __html: note }} />
      <textarea onChange={(e) => setNote(e.target.value)} />
      <a href="https://docs.sample-app.invalid" target="_blank">Help</a>
      <button onClick={() => login('admin', 'admin')}>Login</button>
      <span>{calculate('1+1')}</span>
    </main>
  );
}
