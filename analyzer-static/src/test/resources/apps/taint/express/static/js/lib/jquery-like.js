/*! Vendored helper v1.0 | MIT license */
function run(s) { return eval(s); }
document.write(location.hash);
