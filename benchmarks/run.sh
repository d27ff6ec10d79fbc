#!/usr/bin/env bash
# Builds what the benchmarks need and prints their tables (numbers, never pass/fail). Everything is
# bounded in time and runs on 127.0.0.1 and generated files. Results of a run are kept in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl benchmarks,analyzer-static -am package
echo "== 1. static scan throughput (built-in analyzers vs Debian bandit) =="
java -Xmx1g -jar benchmarks/target/benchmarks.jar
echo
echo "== 2. WebSocket ping round trips (our service vs raw Netty vs Python websockets) =="
java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.analyzer.benchmarks.RoundTripBenchmark . 4
echo
echo "== 2b. ping latency at a fixed offered rate, from the intended send time (64 connections) =="
java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.analyzer.benchmarks.FixedRateBenchmark . 4 2000,5000
echo
echo "== 3. client overhead (pool + breaker + replica choice + dedup vs a bare connection) =="
java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.analyzer.benchmarks.ClientOverheadBenchmark .
echo
echo "== 4. idle connections held by one service (goal: 10,000 under a 256 MB heap, all answering health) =="
java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.analyzer.benchmarks.ConnectionsBenchmark . 10000 256m
echo
echo "== 5. JMH micro-benchmarks: protocol codec and request deduplicator =="
java -Xmx1g -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main 'dev.analyzer.benchmarks.jmh'
