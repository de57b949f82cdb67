#!/usr/bin/env bash
# Issue 12 (history): at national size, the latency of today's and a past date's dashboard and assignment list
# (the first of 3 sequential requests, one connection — a past date's dashboard is then kept, R15 — and their
# median and max), then report save and submit throughput
# (save.mjs), on SQLite. Run it with each build for a before/after:
#   bash bench/history.sh                                   (this worktree's build/, data in bench/out)
#   BUILD=/work/wt/bench-before/build OUT=bench/out/before bash bench/history.sh
# PARTS=latency or PARTS=save runs one half.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build=${BUILD:-./build}
out=${OUT:-bench/out}
port=${PORT:-18095}
past=${PAST:-2026-10-19}  # a month before the server's clock
parts=${PARTS:-latency save}
mkdir -p "$out"
[ -f "$out/national.db" ] || "$build/bench_gen" --db "$out/national.db"
cp "$out/national.db" "$out/history.db"
rm -f "$out/history.db-wal" "$out/history.db-shm"
"$build/tiendo" --db "$out/history.db" serve --port "$port" --clock 2026-11-19T02:00:00Z > "$out/history-server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT INT TERM
up "$port"
base=http://127.0.0.1:$port/api/v1
token=$(token "$port" bench)
curl -s -o /dev/null -H "Authorization: Bearer $token" "$base/dashboard"  # builds the resident model
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $parts == *latency* ]] && for path in "/dashboard" "/dashboard?as_of=$past" "/dashboard?unit_id=2" "/dashboard?unit_id=2&as_of=$past" \
  "/assignments" "/assignments?as_of=$past" "/assignments?unit_id=23" "/assignments?unit_id=23&as_of=$past"; do
  times=$(for _ in 1 2 3; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" "$base$path"
  done)
  bad=$(echo "$times" | awk '$1 != 200' | wc -l)
  sorted=$(echo "$times" | awk '{printf "%.1f\n", $2 * 1000}' | sort -n)
  first=$(echo "$times" | head -1 | awk '{printf "%.1f", $2 * 1000}')
  printf "%-40s first %8s ms  median %7s ms  max %7s ms%s\n" "$path" "$first" "$(echo "$sorted" | sed -n 2p)" "$(echo "$sorted" | tail -1)" \
    "$([ "$bad" = 0 ] || echo "  NON-200: $bad")"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $parts == *save* ]] && node bench/save.mjs --base "http://127.0.0.1:$port" --admin-token "$token" --units 400 --concurrency 32 --seconds 10
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
