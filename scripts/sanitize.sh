#!/usr/bin/env bash
# The sanitizer build (clang, AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer hooks) in
# build-san/: the unit tests and the API suite run against it, then every fuzz target for a while.
# Any sanitizer report fails the run.
# Usage: sanitize.sh [fuzz seconds per target, default 20] [build|run|all, default all]
#   build: only compile build-san/ (`make test` runs this in the background, at the lowest priority, while the
#          browser and PostgreSQL stages run: those leave much of the two cores idle, waiting on fsync and timers);
#   run:   only the tests and fuzzing, against a build-san/ already compiled.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
what=${2:-all}
if [ "$what" != run ]; then
  # -O1 and line tables only: the sanitizers' usual build, and a third of the time of -O2 -g. UBSan's
  # "function" check is left out: clang 14 cannot emit it for C++20 coroutines (the server's sessions),
  # failing with "Cannot represent a difference across sections"; every other UBSan check stays.
  flags="-O1 -gline-tables-only -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize=function"
  flags+=" -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  # Through ccache, as `make build` (Makefile): clones share the cache, paths hashed relative to the clone.
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=true
  CC=clang CXX=clang++ cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=None -DTIENDO_FUZZ=ON \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" > /dev/null
  ninja -C build-san tiendo unit_tests fuzz_http_request fuzz_json_bodies fuzz_deadline_text fuzz_plan_files
fi
[ "$what" = build ] && exit 0

reports=$(mktemp -d /tmp/tiendo-san.XXXXXX)
trap 'rm -rf "$reports"' EXIT
# Reports go to files, so a report from a server the tests started (and stopped) is seen too.
export ASAN_OPTIONS="log_path=$reports/asan:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp"

check_reports() {
  if compgen -G "$reports/*" > /dev/null; then
    echo "Sanitizer reports ($1):"
    cat "$reports"/*
    exit 1
  fi
}

echo "== Unit tests under ASan+UBSan (${SECONDS}s)"
./build-san/unit_tests --gtest_brief=1
check_reports "unit tests"

echo "== API tests on SQLite under ASan+UBSan (${SECONDS}s)"
# The demo loaded once by this build, copied for each test server (tests/api/harness.mjs).
template=$(mktemp -d /tmp/tiendo-template.XXXXXX)
trap 'rm -rf "$reports" "$template"' EXIT
./build-san/tiendo --db "$template/tiendo.db" demo --data data/demo > /dev/null
TIENDO_BIN="$PWD/build-san/tiendo" TIENDO_DEMO="$PWD/data/demo" TIENDO_TEST_DB=sqlite \
  TIENDO_SQLITE_DEMO_TEMPLATE="$template/tiendo.db" node --test --test-concurrency=3 tests/api/
check_reports "API tests"

echo "== Fuzzing, ${secs}s per target (corpus in fuzz/corpus/) (${SECONDS}s)"
work=$(mktemp -d /dev/shm/tiendo-fuzz.XXXXXX)
trap 'rm -rf "$reports" "$template" "$work"' EXIT
./build-san/tiendo --db "$work/demo.db" demo --data data/demo > /dev/null
export TIENDO_FUZZ_DB="$work/demo.db"
# libFuzzer reports through its own exit code; sanitizer reports inside a target end it too.
export ASAN_OPTIONS="detect_leaks=0"
for target in http_request json_bodies deadline_text plan_files; do
  mkdir -p "$work/$target"
  ./build-san/fuzz_$target -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/" "$work/$target" "fuzz/corpus/$target" 2> "$work/$target.log" ||
    { tail -40 "$work/$target.log"; cp "$work"/crash-* "$work"/timeout-* fuzz/ 2>/dev/null || true; exit 1; }
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$work/$target.log" | tr '\n' ' ' |
    sed "s/^/$target: /"
  echo
done
