#!/usr/bin/env bash
# The national benchmark: data set, then load over HTTP with wrk (loopback, 2 threads).
# Usage: make bench   (or bash bench/run.sh [seconds])   — results are printed; copy them to RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
secs=${1:-10}
out=bench/out
mkdir -p $out
db=$out/national.db
if [ ! -f $db ]; then
  echo "== generating the national data set"
  ./build/bench_gen --db $db
fi
echo "== database size: $(du -h $db | cut -f1)"

echo "== durable progress updates through the store (SQLite, synchronous=FULL)"
./build/bench_store --db $db --seconds 5
cp $db $out/national-http.db
port=18090
./build/tiendo --db $out/national-http.db serve --port $port --clock 2026-11-24T03:00:00Z > $out/server.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
up $port
base=http://127.0.0.1:$port
TOKEN=$(token $port bench)
export TOKEN
echo "== start-up RSS: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MB"}'), anon $(grep RssAnon /proc/$pid/status | awk '{print $2/1024 " MB"}')"

# Communes are the units whose code contains -X; their id range is contiguous per province.
read -r lo hi < <(sqlite3 -separator ' ' $db "SELECT MIN(id), MAX(id) FROM units WHERE code LIKE 'T1-X%'")
export UNIT_LO=$lo UNIT_HI=$hi
echo "== a commune's overdue list, 64 connections, ${secs}s"
wrk -t2 -c64 -d${secs}s --latency -s bench/overdue.lua $base | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"

echo "== progress updates over HTTP (PUT /reports/{id}), 64 connections, ${secs}s"
targets=$out/targets.txt
: > $targets
for unit in $(sqlite3 $db "SELECT id FROM units WHERE code LIKE 'T%-X%' ORDER BY id LIMIT 200"); do
  body=$(curl -s -X POST $base/api/v1/reports -H "Authorization: Bearer $TOKEN" \
    -d "{\"directive_id\":1,\"period\":\"2026-12\",\"unit_id\":$unit}")
  python3 -c 'import sys,json; r=json.loads(sys.argv[1]); print(r["id"], r["items"][0]["assignment_id"])' "$body" >> $targets
done
TARGETS=$targets wrk -t2 -c64 -d${secs}s --latency -s bench/progress.lua $base | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"

echo "== dashboard of one commune, 8 connections, ${secs}s"
PATH_Q="/api/v1/dashboard?unit_id=$lo" wrk -t2 -c8 -d${secs}s --latency -s bench/get.lua $base | grep -E "Requests/sec|50%|99%|Non-2xx"
echo "== dashboard of one province, 2 connections, ${secs}s"
prov=$(sqlite3 $db "SELECT id FROM units WHERE code = 'T1'")
PATH_Q="/api/v1/dashboard?unit_id=$prov" wrk -t2 -c2 -d${secs}s --latency -s bench/get.lua $base | grep -E "Requests/sec|50%|99%|Non-2xx"
echo "== dashboard of the nation, 2 connections, $((secs * 2))s"
PATH_Q="/api/v1/dashboard" wrk -t2 -c2 -d$((secs * 2))s --timeout 30s --latency -s bench/get.lua $base | grep -E "Requests/sec|50%|99%|Non-2xx"
sleep 3  # let the last in-flight nation-wide request finish and give its memory back
echo "== RSS after load: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MB"}'), anon $(grep RssAnon /proc/$pid/status | awk '{print $2/1024 " MB"}')"
