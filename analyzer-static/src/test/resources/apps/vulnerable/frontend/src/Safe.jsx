// eval(userInput) is never called here; el.innerHTML = input is a comment
const message = "do not use eval( or innerHTML = here";
const re = /eval\(/g;

export function SafeList({ items }) {
  const el = document.getElementById('count');
  el.textContent = String(items.length);
  el.innerHTML = '';
  const model = { eval: () => 1 };
  model.eval();
  return (
    <ul>
      {items.map((i) => <li key={i.id}>{i.title}</li>)}
      <a href="https://todo-app.invalid" target="_blank" rel="noopener noreferrer">x</a>
    </ul>
  );
}
