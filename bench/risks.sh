#!/usr/bin/env bash
# Issue 17: what the early-warning route costs beside the dashboard, on the national data set (synthetic):
# median and max of 3 requests for the nation, a province and a commune, today and a past date; the dashboard
# before and after the risks are asked, to show they do not slow it (today's come from the resident risk model,
# built by the first request; an ended date's are computed once and kept).
#   bash bench/risks.sh [db]   (default bench/out/national.db, generated if missing)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
build=${BUILD:-build}
db=${1:-bench/out/national.db}
port=${PORT:-18917}
past=2026-09-30
[ -f "$db" ] || "$build/bench_gen" --db "$db"
"$build/tiendo" --db "$db" serve --port "$port" --clock 2026-11-19T02:00:00Z > /tmp/risks-server.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT INT TERM
up "$port"
base=http://127.0.0.1:$port/api/v1
token=$(token "$port" bench)
curl -s -o /dev/null -H "Authorization: Bearer $token" "$base/dashboard"  # builds the resident model
measure() {
  local path=$1 times sorted
  times=$(for _ in 1 2 3; do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" "$base$path"; done)
  sorted=$(echo "$times" | awk '{printf "%.1f\n", $2 * 1000}' | sort -n)
  printf "| %-40s | %s | %7s | %7s |\n" "$path" "$(echo "$times" | awk '{print $1}' | sort -u | tr '\n' ' ')" \
    "$(echo "$sorted" | sed -n 2p)" "$(echo "$sorted" | tail -1)"
}
echo "| request | status | median ms | max ms |"
echo "|---|---|---|---|"
measure /dashboard
for q in "" "?as_of=$past" "?unit_id=2" "?unit_id=2&as_of=$past" "?unit_id=23" "?unit_id=23&as_of=$past"; do measure "/risks$q"; done
measure /dashboard
n=$(curl -s -H "Authorization: Bearer $token" "$base/risks" | python3 -c 'import sys,json; r=json.load(sys.stdin); print(r["forecast_count"], len(r["items"]))')
echo "nation today: forecast, at risk = $n; server RSS $(ps -o rss= -p $pid) KiB"
