#!/usr/bin/env bash
# The "19th of the month" peak on the national data set, on SQLite and on PostgreSQL.
# Usage: bash bench/peak.sh [sqlite|postgresql|all] [speed]   (results: copy into RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
speed=${2:-10}
out=bench/out
mkdir -p $out
port=18092
clock=2026-11-19T02:00:00Z  # the morning of the 19th, the last day before the deadline

run_peak() {  # $1: database URL or file
  local db=$1
  ./build/tiendo --db "$db" serve --port $port --clock $clock > $out/peak-server.log 2>&1 &
  local pid=$!
  trap "kill $pid 2>/dev/null || true" RETURN
  for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$port/api/v1/health && break; sleep 0.1; done
  local token
  token=$(curl -s -X POST http://127.0.0.1:$port/api/v1/auth/login -d '{"username":"bench","password":"TienDo@2026"}' |
    python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
  local t0
  t0=$(date +%s.%N)
  curl -s -o /dev/null -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/v1/dashboard
  echo "first nation dashboard (builds the resident model): $(echo "$(date +%s.%N) - $t0" | bc) s"
  echo "RSS before the peak: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$pid/status)"
  node bench/peak.mjs --base http://127.0.0.1:$port --admin-token "$token" --directive 1 --period 2026-11 \
    --province 2 --commune 23 --window 3600 --speed "$speed" || echo "PEAK FAILED"
  echo "RSS after the peak: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$pid/status)"
  kill $pid
  wait $pid 2>/dev/null || true
}

if [ "$what" = sqlite ] || [ "$what" = all ]; then
  [ -f $out/national.db ] || ./build/bench_gen --db $out/national.db
  cp $out/national.db $out/peak.db
  rm -f $out/peak.db-wal $out/peak.db-shm
  echo "== SQLite ($(du -h $out/peak.db | cut -f1))"
  run_peak $out/peak.db
fi

if [ "$what" = postgresql ] || [ "$what" = all ]; then
  pgdir=$(mktemp -d /tmp/tiendo-bench-pg.XXXXXX)
  trap 'bash scripts/pg-test.sh stop "$pgdir"' EXIT
  admin=$(bash scripts/pg-test.sh start "$pgdir" 18093)
  psql "$admin" -q -c "CREATE DATABASE national"
  url=${admin%/*}/national
  echo "== generating the national data set into PostgreSQL"
  /usr/bin/time -f "generated in %e s" ./build/bench_gen --db "$url" 2>&1 | tail -1
  echo "== PostgreSQL ($(psql "$url" -Atc "SELECT pg_size_pretty(pg_database_size('national'))"))"
  run_peak "$url"
fi
