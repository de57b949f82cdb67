#!/usr/bin/env bash
# Issue 15: the public feedback page under a burst with the staff pages measured meanwhile, on the Hải Phòng demo
# (SQLite). Usage: bash bench/feedback.sh [rate] [seconds] [addresses]  (defaults 200 30 2000; results: copy into
# RESULTS.md). BUILD=<dir> runs another build's binary, PORT another port.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-200}
seconds=${2:-30}
addresses=${3:-2000}
build=${BUILD:-./build}
port=${PORT:-18095}
out=$(mktemp -d /tmp/tiendo-bench-feedback.XXXXXX)
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
$build/tiendo --db $out/demo.db demo --data data/demo > /dev/null
# The day's clock of the demo; the defaults' limits per address and per contact (tolerant of a carrier's NAT).
$build/tiendo --db $out/demo.db serve --port $port --clock 2026-11-24T03:00:00Z --scheduler-seconds 0 > $out/server.log 2>&1 &
pid=$!
for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$port/api/v1/health && break; sleep 0.1; done
token=$(curl -s -X POST http://127.0.0.1:$port/api/v1/auth/login -H 'Content-Type: application/json' \
  -d '{"username":"skhcn","password":"HaiPhong#Ke-hoach-57"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
ticks0=$(awk '{print $14 + $15}' /proc/$pid/stat)
node bench/feedback.mjs --base http://127.0.0.1:$port --token "$token" --rate "$rate" --seconds "$seconds" --addresses "$addresses"
echo "  server CPU during the burst: $(awk -v t0="$ticks0" -v hz="$(getconf CLK_TCK)" '{printf "%.1f s", ($14 + $15 - t0) / hz}' /proc/$pid/stat)"
echo "  items kept: $(curl -s -H "Authorization: Bearer $token" 'http://127.0.0.1:'$port'/api/v1/feedback?limit=1' | python3 -c 'import sys,json; print(json.load(sys.stdin)["total"])')"
