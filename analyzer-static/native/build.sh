#!/usr/bin/env bash
# Builds the engine's optimised tree-sitter binding (libanalyzer-treesitter.so): the JNI shim in
# src/main/native, the tree-sitter runtime and the Python, JavaScript, TypeScript and TSX grammars,
# all at -O2. The sources are the npm packages of the versions the Maven grammars are built from,
# fetched with `npm pack` and checked against the SHA-256 sums below. Without this library the
# engine uses the stock io.github.bonede binding (same trees, several times slower).
# Usage: analyzer-static/native/build.sh [output .so] (default /usr/local/lib/analyzer/libanalyzer-treesitter.so,
# the engine's default ANALYZER_TREESITTER_LIB). Needs gcc, npm (registry access) and a JDK (JAVA_HOME or javac on PATH).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-/usr/local/lib/analyzer/libanalyzer-treesitter.so}"
packages=(
  "tree-sitter@0.25.0 016448ee8e2c23aed7e1155c118cd66cd026e6436f7394b3f3606d30bf9aaa4a"
  "tree-sitter-python@0.23.4 4ac318c9248bbf089e78de298fcaa67ca6f25c04ab0d493a0ec3e699534c3fe6"
  "tree-sitter-javascript@0.23.1 90e80b25a67517a4daf6ad751557bee21efbda7b7a5a554897933245d1734398"
  "tree-sitter-typescript@0.23.2 0fdf63c35930a75885145d75ee63cb879da2d49db9bfe454bd8e60b08ba778a1"
)
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
if [[ ! -f "$java_home/include/jni.h" ]]; then
  echo "build.sh: no jni.h under $java_home/include (set JAVA_HOME to a JDK)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for entry in "${packages[@]}"; do
  spec="${entry% *}"
  sum="${entry#* }"
  name="${spec%@*}"
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tarball="$work/${name}-${spec#*@}.tgz"
  echo "$sum  $tarball" | sha256sum -c --quiet - || { echo "build.sh: checksum mismatch for $spec" >&2; exit 1; }
  mkdir -p "$work/$name"
  tar xzf "$tarball" -C "$work/$name" --strip-components=1
done
rt="$work/tree-sitter/vendor/tree-sitter/lib"
objects=()
compile() {
  local src=$1 obj=$2
  shift 2
  gcc -O2 -fPIC -std=gnu11 -w "$@" -c "$src" -o "$obj"
  objects+=("$obj")
}
compile "$rt/src/lib.c" "$work/runtime.o" -I"$rt/include" -I"$rt/src"
for g in python:tree-sitter-python/src javascript:tree-sitter-javascript/src \
    typescript:tree-sitter-typescript/typescript/src tsx:tree-sitter-typescript/tsx/src; do
  lang="${g%%:*}"
  dir="$work/${g#*:}"
  compile "$dir/parser.c" "$work/$lang-parser.o" -I"$dir"
  compile "$dir/scanner.c" "$work/$lang-scanner.o" -I"$dir"
done
compile "$here/../src/main/native/analyzer_treesitter.c" "$work/shim.o" -I"$rt/include" \
  -I"$java_home/include" -I"$java_home/include/linux"
mkdir -p "$(dirname "$out")"
gcc -shared -Wl,-z,noexecstack -o "$out.tmp" "${objects[@]}"
mv "$out.tmp" "$out"
echo "built $out"
