#!/usr/bin/env bash
# `make test`: the domain and store unit tests (the store's again on PostgreSQL), the browser tests, the API suite
# against the real server binary on a real PostgreSQL server started here, the production shape, then the
# sanitizer build: unit tests and the API suite on SQLite under ASan+UBSan, and the fuzz targets.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
# Each stage says how long the run has taken so far (CI must stay within 45 minutes).
# It also gives the CPU time (user and system, in seconds) the finished stages' processes have used, read from this
# shell's own /proc entry (a `times` in a subshell would see only the subshell): the two cores are the limit.
stage() {
  local st
  read -ra st < /proc/$$/stat
  echo "== $1 (${SECONDS}s; CPU so far: $(((st[15] + st[16]) / $(getconf CLK_TCK)))s)"
}
pgdir="" sanbuild="" templatedir=""
cleanup() {
  [ -z "$pgdir" ] || bash scripts/pg-test.sh stop "$pgdir"
  [ -z "$templatedir" ] || rm -rf "$templatedir"
  [ -z "$sanbuild" ] || kill -- -"$sanbuild" 2>/dev/null || true
}
trap cleanup EXIT

if [ "$what" = all ]; then
  stage "Unit tests (ctest)"
  (cd build && ctest --output-on-failure -j2)
  # The sanitizer build compiles meanwhile at the lowest CPU priority, in the time the next stages leave idle
  # (they wait on Chromium, fsync and timers); its stage, the last, waits for it. It stays in this session: with the
  # kernel's autogroup scheduling a new session (setsid) would share the cores equally with the tests, whatever its
  # nice value. Job control gives it a process group of its own, so a failed run stops it, compilers included.
  sanlog=$(mktemp /tmp/tiendo-sanbuild.XXXXXX)
  set -m
  nice -n 19 bash scripts/sanitize.sh 0 build > "$sanlog" 2>&1 &
  sanbuild=$!
  set +m
fi

export TIENDO_BIN="$PWD/build/tiendo"
export TIENDO_DEMO="$PWD/data/demo"
# The demo is loaded once for the SQLite tests; each test server gets a copy of its files (tests/api/harness.mjs).
templatedir=$(mktemp -d /tmp/tiendo-template.XXXXXX)
"$TIENDO_BIN" --db "$templatedir/tiendo.db" demo --data "$TIENDO_DEMO" > /dev/null
export TIENDO_SQLITE_DEMO_TEMPLATE="$templatedir/tiendo.db"

# In the whole run the SQLite pass of the API suite is made once, against the sanitizer build (sanitize.sh, last
# stage): the same tests, with every memory error and undefined behaviour reported. `make api-test` runs it here.
if [ "$what" != all ]; then
  stage "API tests on SQLite"
  TIENDO_TEST_DB=sqlite node --test --test-concurrency=3 tests/api/
fi

stage "Browser tests (headless Chromium)"
(cd web && node --test tests/)
(cd web && node --test --test-concurrency=1 e2e/)

pgdir=$(mktemp -d /tmp/tiendo-pg.XXXXXX)
pgport=$((20000 + RANDOM % 20000))
stage "API tests on PostgreSQL (port $pgport)"
TIENDO_PG_ADMIN=$(bash scripts/pg-test.sh start "$pgdir" "$pgport" fast)
export TIENDO_PG_ADMIN
if [ "$what" = all ]; then
  stage "Store tests on PostgreSQL"
  psql "$TIENDO_PG_ADMIN" -q -c "CREATE DATABASE tiendo_store_test"
  TIENDO_STORE_TEST_DB=${TIENDO_PG_ADMIN%/*}/tiendo_store_test ./build/unit_tests --gtest_brief=1
fi
# The demo is loaded once; each test server gets a copy of it (tests/api/harness.mjs). One audit key for this stage
# alone (not exported: later stages make their own), so the template's signed anchor holds for every copy.
key=$pgdir/keys/audit.key
template=tiendo_demo_template
mkdir -p "$pgdir/keys"
psql "$TIENDO_PG_ADMIN" -q -c "CREATE DATABASE $template"
TIENDO_AUDIT_KEY_FILE=$key "$TIENDO_BIN" --db "${TIENDO_PG_ADMIN%/*}/$template" demo --data "$TIENDO_DEMO" > /dev/null
TIENDO_AUDIT_KEY_FILE=$key TIENDO_PG_DEMO_TEMPLATE=$template TIENDO_TEST_DB=postgresql node --test --test-concurrency=3 tests/api/

if [ "$what" = all ]; then
  stage "The production shape: PostgreSQL primary and replica, two instances, nginx"
  node --test tests/deploy/

  stage "Sanitizers and fuzzing"
  if ! wait "$sanbuild"; then
    tail -60 "$sanlog"
    echo "The sanitizer build failed (above)."
    exit 1
  fi
  sanbuild=""
  rm -f "$sanlog"
  stage "Sanitizer build done"
  bash scripts/sanitize.sh "${FUZZ_SECONDS:-20}" run
fi
echo "== make test: ${SECONDS}s"
