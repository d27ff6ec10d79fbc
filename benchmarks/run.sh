#!/usr/bin/env bash
# Builds what the benchmarks need, runs every harness (numbers, never pass/fail) and ends with one
# summary table of the figures and ratios the goals are judged by. Everything is bounded in time and
# runs on 127.0.0.1 and generated files. The full output is kept in benchmarks/target/run.log;
# results of a run are recorded in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl benchmarks,analyzer-static,analyzer-http,analyzer-performance,analyzer-dynamic -am package
log=benchmarks/target/run.log
: > "$log"
jar=benchmarks/target/benchmarks.jar

step() {
  local title=$1
  shift
  echo
  echo "== $title ==" | tee -a "$log"
  java -Xmx1g -cp "$jar" "$@" 2>&1 | tee -a "$log"
}

step "1. static scan throughput (built-in analyzers vs Debian bandit)" dev.analyzer.benchmarks.StaticScanBenchmark
step "2. WebSocket ping round trips, closed loop (our service vs raw Netty vs Python websockets)" \
  dev.analyzer.benchmarks.RoundTripBenchmark . 3 5
step "3. ping latency at a fixed offered rate, from the intended send time (64 connections)" \
  dev.analyzer.benchmarks.FixedRateBenchmark . 4 2000,5000
step "4. client overhead (pool + breaker + replica choice + dedup vs a bare connection)" \
  dev.analyzer.benchmarks.ClientOverheadBenchmark .
step "5. idle connections held by one service (goal: 10,000 under a 256 MB heap, all answering health)" \
  dev.analyzer.benchmarks.ConnectionsBenchmark . 10000 256m
step "6. JMH micro-benchmarks: protocol codec and request deduplicator" org.openjdk.jmh.Main 'dev.analyzer.benchmarks.jmh'
step "7. HTTP engine (analyzer-http) vs wrk and the JDK HttpClient against nginx, 16 in flight" \
  dev.analyzer.benchmarks.HttpEngineBenchmark 16 5 5

echo
echo "== 8. load generator (analyzer-performance) vs wrk on nginx 1 KiB, pinned: nginx CPU 0, generator CPU 1 ==" \
  | tee -a "$log"
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c 1); fi
"${pin[@]}" java -XX:ActiveProcessorCount=1 -Xms1g -Xmx1g -cp "$jar" dev.analyzer.benchmarks.LoadGeneratorBenchmark \
  50 10 5 20000 2>&1 | tee -a "$log"

step "9. dynamic scan of the fixture app: built-in engine vs wapiti (found, false reports, wall time)" \
  dev.analyzer.benchmarks.DynamicScanBenchmark 600

step "10. queue mode (NATS JetStream) vs direct WebSocket: 1,000 small analyses, 8 in flight, 3 rounds" \
  dev.analyzer.benchmarks.QueueBenchmark . 1000 3 8

echo
echo "== summary: figures and ratios (goals: >= 0.8x raw Netty and >= 10x Python on round trips;"
echo "   client overhead <= 10 %; 10,000 connections under 256 MB heap) =="
grep -E "ratio python-security|^ratio at|^round trips per server CPU-second|^analyzer static-service|^raw Netty echo|^Python websockets|ping -> pong|small static analysis|CPU of the load process|interleaved|connections open|answered health_check|live heap|heap per connection|^(Codec|Dedup)Benchmark\.|^analyzer-http engine|^wrk \(1 thread\)|^ratio analyzer-http|^load generator closed|^wrk -t1 |^ratio load generator|^server alone|^open model|^achieved rate|^ratio open model|^built-in engine, .* found|^wapiti .* found|^ratio engine|^throughput \\(median|^round trip p|^ratio queue/direct|^built-in engine \\(SyntaxEngine\\)|^bandit 1\\.6.* -r \\.|^eslint v|^engine ∪" "$log" \
  | sed 's/^/  /'
