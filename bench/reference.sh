#!/usr/bin/env bash
# Issue 13's performance aims, measured side by side on the same cores: the bare reference (build/bench_bare:
# a bare Boost.Beast server answering 50 rows, and bare durable single-row commits) and Tiến Độ on the national
# data set, back to back, RUNS times (3), each wrk run at 64 connections on the same 2 cores. Prints each run and
# the medians of the two ratios the issue sets:
#   - a commune's overdue list: server CPU µs per request, Tiến Độ / bare (aim ≤ 1.5×);
#   - report saves (`PUT /reports/{id}` of one line, with its version): bare durable commits per second / Tiến Độ's
#     saves per second (aim ≤ 2.5×).
# Server CPU per request = utime+stime of the server process (/proc/<pid>/stat) over the wrk run / its requests.
#   bash bench/reference.sh                   (this worktree's build/, data in bench/out)
#   BUILD=/tmp/before OUT=bench/out/before bash bench/reference.sh    (another build, for a before/after)
# SECONDS_PER_RUN (10) sets each wrk run's length.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build=${BUILD:-./build}
bare_build=${BARE_BUILD:-./build}  # the reference itself: the same for a before and an after
out=${OUT:-bench/out}
runs=${RUNS:-3}
secs=${SECONDS_PER_RUN:-10}
port=${PORT:-18096}
bare_port=$((port + 1))
mkdir -p "$out"
[ -f bench/out/national.db ] || "$build/bench_gen" --db bench/out/national.db
cp bench/out/national.db "$out/reference.db"
rm -f "$out/reference.db-wal" "$out/reference.db-shm" "$out/reference.db.audit-anchor" "$out/reference.db.audit-key"
rm -f "$out"/bare.db*

tick=$(getconf CLK_TCK)
# Runs wrk against the server `pid`; prints "requests/s cpu-µs/request non-2xx".
measure() {
  local pid=$1
  shift
  local before after log
  before=$(cpu_ticks "$pid")
  log=$(wrk -t2 -c64 -d"${secs}s" "$@")
  after=$(cpu_ticks "$pid")
  local requests rate bad
  requests=$(echo "$log" | awk '/requests in/ {print $1}')
  rate=$(echo "$log" | awk '/Requests\/sec/ {print $2}')
  bad=$(echo "$log" | awk '/Non-2xx/ {print $5}')
  echo "$rate $(echo "($after - $before) * 1000000 / $tick / $requests" | bc -l) ${bad:-0}"
}
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

"$bare_build/bench_bare" serve --db "$out/bare.db" --port $bare_port > "$out/bare-server.log" 2>&1 &
bare_pid=$!
"$build/tiendo" --db "$out/reference.db" serve --port "$port" --clock 2026-11-19T02:00:00Z > "$out/reference-server.log" 2>&1 &
pid=$!
trap 'kill $pid $bare_pid 2>/dev/null || true' EXIT INT TERM
up "$port" 300
for _ in $(seq 600); do curl -s -o /dev/null "http://127.0.0.1:$bare_port/rows?unit=1" && break; sleep 0.1; done
base=http://127.0.0.1:$port
TOKEN=$(token "$port" bench)
export TOKEN
# Communes (unit codes T<n>-X<m>) of the first province: the overdue list of one of them at random.
read -r lo hi < <(sqlite3 -separator ' ' "$out/reference.db" "SELECT MIN(id), MAX(id) FROM units WHERE code LIKE 'T1-X%'")
export UNIT_LO=$lo UNIT_HI=$hi
# A draft report of this month for 256 communes across the nation; each save run starts from their versions
# as they are then (`targets`: report, the assignment of its last line, version).
targets=$out/save-targets.txt
for unit in $(sqlite3 "$out/reference.db" "SELECT id FROM units WHERE code LIKE 'T%-X%' ORDER BY id % 7, id LIMIT 256"); do
  curl -s -o /dev/null -X POST "$base/api/v1/reports" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"directive_id\":1,\"period\":\"2026-11\",\"unit_id\":$unit}"
done
save_targets() {
  sqlite3 -separator ' ' "$out/reference.db" "SELECT r.id, (SELECT MAX(i.assignment_id) FROM report_items i WHERE \
    i.report_id = r.id), r.version FROM reports r WHERE r.period = '2026-11' AND r.state = 'draft'" > "$targets"
}
save_targets
export TARGETS=$targets THREADS=2
curl -s -o /dev/null "$base/api/v1/assignments?status=overdue&unit_id=$lo" -H "Authorization: Bearer $TOKEN"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(wc -l < "$targets") draft reports; ${secs} s per wrk run, 64 connections"

list_ratios=() save_ratios=()
for run in $(seq "$runs"); do
  read -r bare_rate bare_cpu bare_bad < <(measure $bare_pid -s bench/bare.lua "http://127.0.0.1:$bare_port")
  read -r list_rate list_cpu list_bad < <(measure $pid -s bench/overdue.lua "$base")
  commits=$("$bare_build/bench_bare" commit --db "$out/bare.db" --seconds 5 | awk '{print $NF}' | tr -d '/s')
  save_targets
  read -r save_rate save_cpu save_bad < <(measure $pid -s bench/save.lua "$base")
  list_ratio=$(echo "$list_cpu / $bare_cpu" | bc -l)
  save_ratio=$(echo "$commits / $save_rate" | bc -l)
  list_ratios+=("$list_ratio")
  save_ratios+=("$save_ratio")
  printf "run %d: bare list %6.0f/s %4.0f µs CPU/req | overdue list %6.0f/s %4.0f µs CPU/req (non-2xx %s) | ratio %.2f×\n" \
    "$run" "$bare_rate" "$bare_cpu" "$list_rate" "$list_cpu" "$list_bad" "$list_ratio"
  printf "       bare durable commits %6.0f/s | report save %6.0f/s %4.0f µs CPU/req (non-2xx %s) | ratio %.2f×\n" \
    "$commits" "$save_rate" "$save_cpu" "$save_bad" "$save_ratio"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "median of %d: overdue list CPU/request %.2f× the bare server's (aim ≤ 1.5×); report save rate: bare durable commits %.2f× Tiến Độ's (aim ≤ 2.5×)\n" \
  "$runs" "$(printf '%s\n' "${list_ratios[@]}" | median)" "$(printf '%s\n' "${save_ratios[@]}" | median)"
