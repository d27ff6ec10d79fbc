export function render(el, html) {
  el.innerHTML = html;
  return eval(html);
}
