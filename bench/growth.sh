#!/usr/bin/env bash
# How size, start-up, memory and the nation dashboard grow from 1 province to 34 (SQLite), and the
# annual report of one province. Usage: bash bench/growth.sh   (results: copy into RESULTS.md)
# `bash bench/growth.sh history [db] [months]`: only the bytes the history tables (issue 12: submitted_* of 006,
# assignment_history and unit_history of 008) take in a generated SQLite file, with their indexes, and per month
# of reports (the generator writes `months` of them; 10 by default).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
out=bench/out
mkdir -p $out
if [ "${1:-}" = history ]; then
  db=${2:-$out/national.db}
  months=${3:-10}
  [ -f "$db" ] || ./build/bench_gen --db "$db" --months "$months"
  echo "| table (with its indexes) | rows | bytes | bytes per month |"
  echo "|---|---|---|---|"
  for t in submitted_report_items submitted_reports submitted_indicator_values assignment_history unit_history; do
    rows=$(sqlite3 "$db" "SELECT COUNT(*) FROM $t")
    bytes=$(sqlite3 "$db" "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name = '$t' OR name IN
      (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '$t')")
    echo "| $t | $rows | $bytes | $((bytes / months)) |"
  done
  echo "file: $(stat -c %s "$db") bytes"
  exit 0
fi
port=18094
echo "| provinces | units | assignments | reports | SQLite file | generated in | start-up to listening | first nation dashboard (model built) | RSS after | nation dashboard p50 / p99 (idle, 1 conn) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for n in 1 4 34; do
  db=$out/growth-$n.db
  rm -f $db $db-wal $db-shm
  gen=$( { /usr/bin/time -f %e ./build/bench_gen --db $db --provinces $n > /dev/null; } 2>&1 | tail -1)
  counts=$(sqlite3 -separator ' | ' $db "SELECT (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM assignments), (SELECT COUNT(*) FROM reports)")
  t0=$(date +%s.%N)
  ./build/tiendo --db $db serve --port $port --clock 2026-11-24T03:00:00Z > $out/growth-server.log 2>&1 &
  pid=$!
  until curl -s -o /dev/null http://127.0.0.1:$port/api/v1/health; do sleep 0.01; done
  started=$(echo "$(date +%s.%N) - $t0" | bc)
  token=$(token $port bench)
  first=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/v1/dashboard)
  lat=$(TOKEN=$token PATH_Q=/api/v1/dashboard wrk -t1 -c1 -d5s --latency -s bench/get.lua http://127.0.0.1:$port |
    awk '/ 50%/ {p50=$2} / 99%/ {p99=$2} END {print p50 " / " p99}')
  rss=$(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)
  if [ $n = 1 ]; then
    annual_docx=$(curl -s -o $out/annual-1.docx -w '%{time_total}' -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/v1/directives/1/synthesis.docx?period=2026")
    annual_pdf=$(curl -s -o $out/annual-1.pdf -w '%{time_total}' -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/v1/directives/1/synthesis.pdf?period=2026")
  fi
  kill $pid; wait $pid 2>/dev/null || true
  printf "| %s | %s | %s | %.1f s | %.2f s | %.2f s | %s | %s |\n" "$n" "$counts" "$(du -h $db | cut -f1)" "$gen" "$started" "$first" "$rss" "$lat"
done
echo
echo "Annual report of one province (117 units, period=2026): .docx ${annual_docx} s, .pdf ${annual_pdf} s"
