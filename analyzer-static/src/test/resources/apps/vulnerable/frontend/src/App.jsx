import React, { useState } from 'react';

const API_BASE = 'http://api.todo-app.invalid/v1';

export default function App() {
  const [html, setHtml] = useState('');
  const login = async (user, pass) => {
    const res = await fetch(`${API_BASE}/login`, { method: 'POST', body: JSON.stringify({ user, pass }) });
    const data = await res.json();
    localStorage.setItem('authToken', data.token);
  };
  const preview = (text) => {
    document.getElementById('preview').innerHTML = text;
    setTimeout("refresh()", 1000);
    return eval(text);
  };
  const search = (pattern) => new RegExp(pattern);
  return (
    <div>
      <div dangerouslySetInnerHTML={{ __html: html }} />
      <a href="javascript:void(0)" onClick={() => login('a', 'b')}>Login</a>
      <a href="https://docs.todo-app.invalid" target="_blank">Docs</a>
    </div>
  );
}
