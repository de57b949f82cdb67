#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL 15 cluster on 127.0.0.1 for the tests.
# Usage: pg-test.sh start DIR PORT [fast]   -> prints the server URL;   pg-test.sh stop DIR
# `fast`: no fsync (and so no synchronous commit or full-page writes) — for `make test`'s cluster, thrown away at the
# end, where each test's database is a copy of the demo (CREATE DATABASE … TEMPLATE writes it whole to the WAL) and
# waiting for the disk only lengthens CI. A crash of the machine, not of the server, is what fsync protects against;
# the benchmarks' cluster (bench/peak.sh) keeps it.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$1" in
  start)
    dir=$2 port=$3 settings=""
    [ "${4:-}" = fast ] && settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log"
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 $settings" start > /dev/null
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$2/data" -m fast -w stop > /dev/null || true
    rm -rf "$2"
    ;;
esac
