#!/usr/bin/env bash
# Issue 15: the public feedback page under a burst with the staff pages measured meanwhile, on the Hải Phòng demo
# (SQLite). Usage: bash bench/feedback.sh [rate] [seconds] [addresses]  (defaults 200 30 2000; results: copy into
# RESULTS.md). BUILD=<dir> runs another build's binary, PORT another port.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
rate=${1:-200}
seconds=${2:-30}
addresses=${3:-2000}
tiendo=${BUILD:-./build}/tiendo
port=${PORT:-18095}
scratch_demo $tiendo feedback
# The day's clock of the demo; the defaults' limits per address and per contact (tolerant of a carrier's NAT).
serve $tiendo $out/demo.db $port 2026-11-24T03:00:00Z $out/server.log --scheduler-seconds 0
token=$(token $port skhcn)
ticks0=$(cpu_ticks $pid)
node bench/feedback.mjs --base http://127.0.0.1:$port --token "$token" --rate "$rate" --seconds "$seconds" --addresses "$addresses"
echo "  server CPU during the burst: $(cpu_since $pid "$ticks0")"
echo "  items kept: $(curl -s -H "Authorization: Bearer $token" 'http://127.0.0.1:'$port'/api/v1/feedback?limit=1' | python3 -c 'import sys,json; print(json.load(sys.stdin)["total"])')"
