import React from 'react';

const API_BASE = 'https://api.todo-app.invalid/v1';

export default function App({ items }) {
  return (
    <ul>
      {items.map((i) => <li key={i.id}>{i.title}</li>)}
      <a href={`${API_BASE}/docs`} target="_blank" rel="noreferrer">Docs</a>
    </ul>
  );
}
