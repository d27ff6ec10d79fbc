// The page's script, without a framework: lists the todos, adds one, shows a banner from the URL.
async function load() {
  const res = await fetch('/api/todos');
  const todos = await res.json();
  const list = document.getElementById('todos');
  list.innerHTML = todos.map((t) => '<li>' + t.title + '</li>').join('');
}

document.getElementById('add').addEventListener('submit', async (e) => {
  e.preventDefault();
  const title = new FormData(e.target).get('title');
  await fetch('/api/todos', { method: 'POST', body: JSON.stringify({ title }) });
  load();
});

const msg = new URLSearchParams(location.search).get('msg');
if (msg) {
  document.getElementById('banner').innerHTML = msg;
}
load();
