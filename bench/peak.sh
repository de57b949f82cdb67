#!/usr/bin/env bash
# The "19th of the month" peak on the national data set, on SQLite and on PostgreSQL.
# Usage: bash bench/peak.sh [sqlite|postgresql|all] [speed] [peak.mjs options, e.g. --nation-readers 8 --as-of D]
# (results: copy into RESULTS.md). BUILD=<dir> runs another build's binaries (e.g. a worktree of an older
# commit, for a before/after), OUT=<dir> keeps its data apart. EVENTS=N subscribes an HTTPS receiver started by
# the bench N times to the report events (a CA made here with openssl, given to the server with --event-ca).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
what=${1:-all}
speed=${2:-10}
shift $(($# < 2 ? $# : 2))
extra=("$@")
build=${BUILD:-./build}
out=${OUT:-bench/out}
mkdir -p $out
port=${PORT:-18092}
clock=2026-11-19T02:00:00Z  # the morning of the 19th, the last day before the deadline

events=${EVENTS:-0}
event_port=$((port + 3))
event_args=()
peak_event_args=()
if [ "$events" -gt 0 ]; then
  tls=$PWD/$out/events-tls
  mkdir -p $tls
  if [ ! -f $tls/srv.pem ]; then
    (cd $tls && openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj '/CN=Tien Do bench CA' &&
      openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj /CN=127.0.0.1 &&
      printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ext.cnf &&
      openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem -days 30 -extfile ext.cnf) 2> /dev/null
  fi
  event_args=(--event-allow 127.0.0.1:$event_port --event-ca $tls/ca.pem)
  peak_event_args=(--event-subscribers "$events" --event-port $event_port --event-tls $tls)
fi

run_peak() {  # $1: database URL or file
  local db=$1
  $build/tiendo --db "$db" serve --port $port --clock $clock "${event_args[@]}" > $out/peak-server.log 2>&1 &
  local pid=$!
  trap "kill $pid 2>/dev/null || true" RETURN
  up $port
  local token
  token=$(token $port bench)
  local t0
  t0=$(date +%s.%N)
  curl -s -o /dev/null -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/v1/dashboard
  echo "first nation dashboard (waits for the resident model the server builds as it starts): $(echo "$(date +%s.%N) - $t0" | bc) s"
  echo "RSS before the peak: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$pid/status)"
  # The server's own CPU time (user + system, clock ticks) over the replay: what the peak cost it, whatever else
  # the machine runs meanwhile.
  local ticks0
  ticks0=$(cpu_ticks $pid)
  # PEAK_SECONDS: stop the replay after that long and print what it measured (0: no limit).
  timeout "${PEAK_SECONDS:-0}" node bench/peak.mjs --base http://127.0.0.1:$port --admin-token "$token" --directive 1 --period 2026-11 \
    --province 2 --commune 23 --window 3600 --speed "$speed" "${peak_event_args[@]}" "${extra[@]}" || echo "PEAK FAILED"
  echo "RSS after the peak: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$pid/status)"
  echo "server CPU during the peak: $(cpu_since $pid "$ticks0")"
  kill $pid
  wait $pid 2>/dev/null || true
}

if [ "$what" = sqlite ] || [ "$what" = all ]; then
  [ -f $out/national.db ] || $build/bench_gen --db $out/national.db
  cp $out/national.db $out/peak.db
  rm -f $out/peak.db-wal $out/peak.db-shm
  echo "== SQLite ($(du -h $out/peak.db | cut -f1))"
  run_peak $out/peak.db
  echo "durable progress updates through the store:"
  $build/bench_store --db $out/peak.db --seconds 5 --threads 1
fi

if [ "$what" = postgresql ] || [ "$what" = all ]; then
  # The cluster and its generated data set are kept in bench/out/pg (generation takes minutes); each run
  # replays on a fresh copy of it (CREATE DATABASE … TEMPLATE).
  pgdir=$PWD/$out/pg
  pgport=${PGPORT:-18093}
  if [ ! -d $pgdir/data ]; then
    admin=$(bash scripts/pg-test.sh start "$pgdir" $pgport)
    psql "$admin" -q -c "CREATE DATABASE national"
    echo "== generating the national data set into PostgreSQL"
    /usr/bin/time -f "generated in %e s" $build/bench_gen --db "${admin%/*}/national" 2>&1 | tail -1
  else
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D $pgdir/data -l $pgdir/server.log -w \
      -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=200" start > /dev/null
    admin=postgresql://postgres@127.0.0.1:$pgport/postgres
  fi
  trap 'runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir/data" -m fast -w stop > /dev/null' EXIT
  psql "$admin" -q -c "DROP DATABASE IF EXISTS peak" -c "CREATE DATABASE peak TEMPLATE national"
  url=${admin%/*}/peak
  # A fresh copy, a fresh audit key: its anchor is signed from the copy's log when the key is created.
  rm -rf $out/audit && export TIENDO_AUDIT_KEY_FILE=$PWD/$out/audit/audit.key
  echo "== PostgreSQL ($(psql "$url" -Atc "SELECT pg_size_pretty(pg_database_size('peak'))"))"
  run_peak "$url"
  # After the peak: its 25,000 updates would leave the peak a checkpoint and an autovacuum to carry.
  echo "durable progress updates through the store:"
  $build/bench_store --db "$url" --seconds 5 --threads 1
  $build/bench_store --db "$url" --seconds 5 --threads 16
fi
