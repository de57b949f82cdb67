#!/usr/bin/env bash
# Times the document routes on the Hải Phòng demo (144 units, ~3,200 assignments): the synthesis report
# as .docx and as .pdf (LibreOffice headless), and the appendices as .xlsx. Usage: bash bench/documents.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
build/tiendo --db "$dir/t.db" demo --data data/demo > /dev/null
build/tiendo --db "$dir/t.db" serve --port 0 --port-file "$dir/port" --clock 2026-11-24T03:00:00Z --web-root "" > "$dir/log" 2>&1 &
pid=$!
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$dir/port")/api/v1"
token=$(token "$(cat "$dir/port")" skhcn)
id=$(curl -s -H "Authorization: Bearer $token" "$base/directives?q=27" | sed 's/.*"items":\[{"id":\([0-9]*\).*/\1/')
for route in synthesis.docx synthesis.pdf appendices.xlsx; do
  times=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$base/directives/$id/$route"; done | sort -n | tr '\n' ' ')
  echo "$route: $times(s, sorted)"
done
