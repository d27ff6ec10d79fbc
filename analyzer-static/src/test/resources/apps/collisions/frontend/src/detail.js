export function show(el, html) {
  el.innerHTML = html;
  return eval(html);
}
