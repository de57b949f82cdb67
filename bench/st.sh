#!/usr/bin/env bash
# Issue 16: the S&T register and figures at national size (34 provinces × 200 tasks, bench/st_gen.py) on SQLite: each
# reading alone, then 8 readers of the figures with 2 hosts filing monthly updates. Usage:
# bash bench/st.sh [provinces] [tasks] [seconds] [readers] [writers]  (defaults 34 200 60 8 2; results: copy into
# RESULTS.md). BUILD=<dir> runs another build's binary, PORT another port.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
provinces=${1:-34}
tasks=${2:-200}
seconds=${3:-60}
readers=${4:-8}
writers=${5:-2}
tiendo=${BUILD:-./build}/tiendo
port=${PORT:-18096}
scratch_demo $tiendo st
python3 bench/st_gen.py $out/demo.db "$provinces" "$tasks"
serve $tiendo $out/demo.db $port 2026-11-24T03:00:00Z $out/server.log --scheduler-seconds 0
token=$(token $port skhcn)
ticks0=$(cpu_ticks $pid)
node bench/st.mjs --base http://127.0.0.1:$port --token "$token" --readers "$readers" --writers "$writers" --seconds "$seconds"
echo "  server CPU during the run: $(cpu_since $pid "$ticks0")"
