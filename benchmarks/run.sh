#!/usr/bin/env bash
# Builds what the benchmarks need and prints their tables (numbers, never pass/fail).
# Bounded: the static scan benchmark generates ~600 files and runs each analyzer 5 times.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl benchmarks -am package
echo "== static scan throughput (built-in analyzers vs Debian bandit) =="
java -Xmx1g -jar benchmarks/target/benchmarks.jar "${@}"
