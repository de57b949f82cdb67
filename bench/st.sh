#!/usr/bin/env bash
# Issue 16: the S&T register and figures at national size (34 provinces × 200 tasks, bench/st_gen.py) on SQLite: each
# reading alone, then 8 readers of the figures with 2 hosts filing monthly updates. Usage:
# bash bench/st.sh [provinces] [tasks] [seconds] [readers] [writers]  (defaults 34 200 60 8 2; results: copy into
# RESULTS.md). BUILD=<dir> runs another build's binary, PORT another port.
set -euo pipefail
cd "$(dirname "$0")/.."
provinces=${1:-34}
tasks=${2:-200}
seconds=${3:-60}
readers=${4:-8}
writers=${5:-2}
build=${BUILD:-./build}
port=${PORT:-18096}
out=$(mktemp -d /tmp/tiendo-bench-st.XXXXXX)
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
$build/tiendo --db $out/demo.db demo --data data/demo > /dev/null
python3 bench/st_gen.py $out/demo.db "$provinces" "$tasks"
$build/tiendo --db $out/demo.db serve --port $port --clock 2026-11-24T03:00:00Z --scheduler-seconds 0 > $out/server.log 2>&1 &
pid=$!
for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$port/api/v1/health && break; sleep 0.1; done
token=$(curl -s -X POST http://127.0.0.1:$port/api/v1/auth/login -H 'Content-Type: application/json' \
  -d '{"username":"skhcn","password":"HaiPhong#Ke-hoach-57"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
ticks0=$(awk '{print $14 + $15}' /proc/$pid/stat)
node bench/st.mjs --base http://127.0.0.1:$port --token "$token" --readers "$readers" --writers "$writers" --seconds "$seconds"
echo "  server CPU during the run: $(awk -v t0="$ticks0" -v hz="$(getconf CLK_TCK)" '{printf "%.1f s", ($14 + $15 - t0) / hz}' /proc/$pid/stat)"
