const params = new URLSearchParams(window.location.search);
const q = params.get('q');

function show(html) {
  document.getElementById('out').innerHTML = html; // VULN: xss
}

show(q);
document.getElementById('title').innerHTML = '<b>Search</b>'; // SAFE
document.write(location.hash); // VULN: xss

window.addEventListener('message', (e) => {
  document.getElementById('msg').innerHTML = e.data; // VULN: xss
});

const next = new URLSearchParams(location.search).get('next');
window.location.href = next; // VULN: open-redirect
setTimeout('refresh()', 1000); // VULN: code-injection
