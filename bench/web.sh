#!/usr/bin/env bash
# The web client on a commune's line (issue 14): login page and dashboard in Chromium over 1.6 Mbps / 150 ms,
# on the Hải Phòng demo. Usage: bash bench/web.sh
#   BIN=<tiendo binary> WEB=<built web folder> RUNS=<n>: another build (e.g. the commit before, for a comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${BIN:-}" ] || { make --no-print-directory build >/dev/null; BIN=$PWD/build/tiendo; }
make --no-print-directory tests/api/node_modules/.package-lock.json >/dev/null
TIENDO_BIN=$BIN TIENDO_DEMO=$PWD/data/demo WEB=${WEB:-$PWD/web/dist} RUNS=${RUNS:-5} node bench/web.mjs
