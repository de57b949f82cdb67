#!/usr/bin/env bash
# The production shape on one machine, for tests and trials: PostgreSQL 15 primary with a streaming
# replica (Debian's packages), two Tiến Độ instances, nginx in front. Everything on 127.0.0.1.
#
#   bash deploy/local-cluster.sh start DIR [BASE_PORT]   prints the address nginx answers on
#   bash deploy/local-cluster.sh stop DIR
#
# Ports from BASE_PORT (default 26000): +0 nginx, +1 primary, +2 replica, +11 and +12 the instances.
# docs/DEPLOY.md explains the same set for production (systemd, TLS, backups, Patroni).
set -euo pipefail
cd "$(dirname "$0")/.."
cmd=${1:?start or stop}
dir=$(realpath -m "${2:?directory}")
base=${3:-26000}
pgbin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop() {
  [ -f "$dir/nginx.pid" ] && nginx -p "$dir" -c "$dir/nginx.conf" -s stop 2>/dev/null || true
  for i in a b; do [ -f "$dir/tiendo-$i.pid" ] && kill "$(cat "$dir/tiendo-$i.pid")" 2>/dev/null || true; done
  for db in replica primary; do
    [ -d "$dir/$db" ] && as_pg $pgbin/pg_ctl -D "$dir/$db" -m fast -w stop >/dev/null 2>&1 || true
  done
}

if [ "$cmd" = stop ]; then
  stop
  rm -rf "$dir"
  exit 0
fi

mkdir -p "$dir"
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
nginx_port=$base primary_port=$((base + 1)) replica_port=$((base + 2))

# Primary: WAL for a replica, replication allowed from loopback.
as_pg $pgbin/initdb -D "$dir/primary" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
cat >>"$dir/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $primary_port
unix_socket_directories = '$dir'
wal_level = replica
max_wal_senders = 5
max_connections = 200
CONF
echo "host replication postgres 127.0.0.1/32 trust" >>"$dir/primary/pg_hba.conf"
as_pg $pgbin/pg_ctl -D "$dir/primary" -l "$dir/primary.log" -w start >/dev/null

# Replica: a base backup that follows the primary's WAL stream and answers reads (hot standby).
as_pg pg_basebackup -h 127.0.0.1 -p $primary_port -U postgres -D "$dir/replica" -R -X stream >/dev/null
sed -i "s/^port = .*/port = $replica_port/" "$dir/replica/postgresql.conf"
echo "hot_standby = on" >>"$dir/replica/postgresql.conf"
as_pg $pgbin/pg_ctl -D "$dir/replica" -l "$dir/replica.log" -w start >/dev/null

primary=postgresql://postgres@127.0.0.1:$primary_port/tiendo
replica=postgresql://postgres@127.0.0.1:$replica_port/tiendo
psql "postgresql://postgres@127.0.0.1:$primary_port/postgres" -q -c "CREATE DATABASE tiendo"
# The audit log's key and signed anchor live outside the database, shared by both instances.
export TIENDO_AUDIT_KEY_FILE="$dir/audit/audit.key"
./build/tiendo --db "$primary" demo --data data/demo >/dev/null

# Two instances on the same database: sessions, the change feed and the reminder scheduler's claims live
# in PostgreSQL, so either instance can answer any request.
for i in a b; do
  [ $i = a ] && port=$((base + 11)) || port=$((base + 12))
  mkdir -p "$dir/evidence"
  ./build/tiendo --db "$primary" serve --replica-db "$replica" --instance $i --port $port \
    --evidence-dir "$dir/evidence" --web-root "$PWD/web/dist" --insecure-cookie --scheduler-seconds "${TIENDO_SCHEDULER_SECONDS:-60}" >"$dir/tiendo-$i.log" 2>&1 &
  echo $! >"$dir/tiendo-$i.pid"
done

sed -e "s|@DIR@|$dir|g" -e "s|@WEB@|$PWD/web/dist|g" -e "s|@PORT@|$nginx_port|g" -e "s|@A@|$((base + 11))|g" -e "s|@B@|$((base + 12))|g" \
  deploy/nginx-local.conf >"$dir/nginx.conf"
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$((base + 11))/api/v1/health" &&
    curl -sf -o /dev/null "http://127.0.0.1:$((base + 12))/api/v1/health" && break
  sleep 0.1
done
nginx -p "$dir" -c "$dir/nginx.conf"
echo "http://127.0.0.1:$nginx_port"
