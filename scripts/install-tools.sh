#!/usr/bin/env bash
# Installs the external analysis tools the static service uses when present:
#   from Debian: bandit (python3-bandit), pylint, flake8 and shellcheck (needs root or sudo);
#   from npm: ESLint 9 with the security, react and no-unsanitized plugins, into tools/eslint.
# Safe to run twice; a tool that cannot be installed only makes its tests skip.
# The Python interop test of the integration suite needs python3-websockets, installed here too;
# bubblewrap (bwrap) sandboxes the external tools that import the analyzed code (pylint).
# The dynamic service's adapters use wapiti, nmap and sqlmap; the performance service's use wrk,
# ab (apache2-utils), hey and locust (python3-locust); nginx-light is the benchmarks' target.
# nats-server (JetStream, `nats-server -js`) backs the queue-mode integration tests; gcc builds the
# benchmarks' wrk2-model reference client (openloop.c) and the static engine's tree-sitter binding.
set -euo pipefail
cd "$(dirname "$0")/.."

install_eslint() {
  if [ -x tools/eslint/node_modules/.bin/eslint ]; then
    echo "install-tools: eslint present in tools/eslint"
  elif command -v npm >/dev/null 2>&1; then
    echo "install-tools: installing eslint 9 and plugins into tools/eslint"
    (cd tools/eslint && npm install --no-audit --no-fund --silent) \
      || echo "install-tools: npm install failed; the eslint tests will be skipped" >&2
  else
    echo "install-tools: npm not found; eslint not installed (its tests will be skipped)" >&2
  fi
}
# The static engine's optimised tree-sitter binding (analyzer-static/native/build.sh: the JNI shim,
# the tree-sitter runtime and the grammars from npm, checksummed, gcc -O2). Without it the engine
# uses the stock io.github.bonede binding: the same trees, about 3x slower.
install_treesitter() {
  local lib=/usr/local/lib/analyzer/libanalyzer-treesitter.so
  local build=analyzer-static/native/build.sh shim=analyzer-static/src/main/native/analyzer_treesitter.c
  if [ -f "$lib" ] && [ "$lib" -nt "$build" ] && [ "$lib" -nt "$shim" ]; then
    echo "install-tools: tree-sitter binding present at $lib"
    return 0
  fi
  if ! command -v gcc >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "install-tools: gcc or npm missing; the static engine uses the stock (slower) tree-sitter binding" >&2
    return 0
  fi
  local tmp
  tmp="$(mktemp -d)"
  if ! bash "$build" "$tmp/libanalyzer-treesitter.so"; then
    echo "install-tools: building the tree-sitter binding failed; the static engine uses the stock binding" >&2
  elif [ "$(id -u)" -eq 0 ]; then
    install -D -m 0644 "$tmp/libanalyzer-treesitter.so" "$lib" && echo "install-tools: installed $lib"
  elif command -v sudo >/dev/null 2>&1 && sudo install -D -m 0644 "$tmp/libanalyzer-treesitter.so" "$lib"; then
    echo "install-tools: installed $lib"
  else
    mkdir -p tools/treesitter && cp "$tmp/libanalyzer-treesitter.so" tools/treesitter/
    echo "install-tools: cannot write $lib; set ANALYZER_TREESITTER_LIB=$PWD/tools/treesitter/libanalyzer-treesitter.so" >&2
  fi
  rm -rf "$tmp"
}
trap 'install_eslint; install_treesitter' EXIT

packages=(python3-bandit pylint flake8 shellcheck python3-websockets bubblewrap
  wapiti nmap sqlmap wrk apache2-utils hey python3-locust nginx-light nats-server gcc libc6-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-tools: all present (${packages[*]})"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-tools: apt-get not found; install ${missing[*]} with your package manager" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-tools: not root and no sudo; skipping ${missing[*]} (their tests will be skipped)" >&2
    exit 0
  fi
fi
echo "install-tools: installing ${missing[*]}"
$SUDO apt-get update -q || echo "install-tools: apt-get update failed; trying the cached lists" >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" \
  || echo "install-tools: could not install ${missing[*]}; the tests that need them will be skipped" >&2
