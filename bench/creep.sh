#!/usr/bin/env bash
# Issue 13: no CPU creep — the server CPU per nation dashboard request (8 readers, `GET /dashboard`), measured
# before and after WRITES (10,000) report saves (`PUT /reports/{id}`, 64 connections, bench/save.lua), on a copy of
# the national data set. Prints both figures and their ratio (aim ≤ 1.1×), and the server's RSS at each point.
#   bash bench/creep.sh                  (this worktree's build/, data in bench/out)
#   BUILD=<dir> PORT=<n> WRITES=<n> SECONDS_PER_RUN=<s> bash bench/creep.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build=${BUILD:-./build}
out=${OUT:-bench/out}
secs=${SECONDS_PER_RUN:-15}
writes=${WRITES:-10000}
port=${PORT:-18196}
mkdir -p "$out"
[ -f bench/out/national.db ] || "$build/bench_gen" --db bench/out/national.db
cp bench/out/national.db "$out/creep.db"
rm -f "$out/creep.db-wal" "$out/creep.db-shm" "$out/creep.db.audit-anchor" "$out/creep.db.audit-key"
"$build/tiendo" --db "$out/creep.db" serve --port "$port" --clock 2026-11-19T02:00:00Z > "$out/creep-server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT INT TERM
base=http://127.0.0.1:$port
up "$port" 300
TOKEN=$(token "$port" bench)
export TOKEN
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
tick=$(getconf CLK_TCK)
# "requests/s CPU-µs/request p99" of the nation dashboard with 8 readers.
dashboard() {
  local before after log requests
  before=$(cpu_ticks $pid)
  log=$(PATH_Q=/api/v1/dashboard wrk -t2 -c8 -d"${secs}s" --latency -s bench/get.lua "$base")
  after=$(cpu_ticks $pid)
  requests=$(echo "$log" | awk '/requests in/ {print $1}')
  echo "$(echo "$log" | awk '/Requests\/sec/ {print $2}') $(echo "($after - $before) * 1000000 / $tick / $requests" | bc -l) $(echo "$log" | awk '$1 == "99%" {print $2}')"
}
# The resident model is built at start-up: wait for the first answer, then warm up.
curl -s -o /dev/null --max-time 600 "$base/api/v1/dashboard" -H "Authorization: Bearer $TOKEN"
PATH_Q=/api/v1/dashboard wrk -t2 -c8 -d5s -s bench/get.lua "$base" > /dev/null
read -r rate0 cpu0 p99_0 < <(dashboard)
rss0=$(rss_mb)
# Draft reports of this month for 256 communes across the nation, saved until `writes` saves were answered.
for unit in $(sqlite3 "$out/creep.db" "SELECT id FROM units WHERE code LIKE 'T%-X%' ORDER BY id % 7, id LIMIT 256"); do
  curl -s -o /dev/null -X POST "$base/api/v1/reports" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"directive_id\":1,\"period\":\"2026-11\",\"unit_id\":$unit}"
done
targets=$out/creep-targets.txt
done_writes=0
while [ "$done_writes" -lt "$writes" ]; do
  sqlite3 -separator ' ' "$out/creep.db" "SELECT r.id, (SELECT MAX(i.assignment_id) FROM report_items i WHERE \
    i.report_id = r.id), r.version FROM reports r WHERE r.period = '2026-11' AND r.state = 'draft'" > "$targets"
  n=$(TARGETS=$targets THREADS=2 wrk -t2 -c64 -d5s -s bench/save.lua "$base" | awk '/requests in/ {print $1}')
  done_writes=$((done_writes + n))
done
# The same warm-up as before the writes: the follower applies the last saves' changes meanwhile, so the run below
# measures the state the writes left, not their catching up.
PATH_Q=/api/v1/dashboard wrk -t2 -c8 -d5s -s bench/get.lua "$base" > /dev/null
read -r rate1 cpu1 p99_1 < <(dashboard)
rss1=$(rss_mb)
printf "nation dashboard, 8 readers, %s s each; load %s\n" "$secs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf "  before writes: %7.1f req/s, %6.0f µs CPU/request, p99 %s, RSS %s MB\n" "$rate0" "$cpu0" "$p99_0" "$rss0"
printf "  after %d saves: %7.1f req/s, %6.0f µs CPU/request, p99 %s, RSS %s MB\n" "$done_writes" "$rate1" "$cpu1" "$p99_1" "$rss1"
printf "  CPU per request after / before: %.2f× (aim ≤ 1.1×)\n" "$(echo "$cpu1 / $cpu0" | bc -l)"
