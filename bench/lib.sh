# What the load scripts share, sourced by each (`. bench/lib.sh`, from the repository's root): waiting for a
# server, signing in, the CPU a process has used, a scratch demo. The demo and the national data set give every user
# the same password.

# up PORT [TRIES]: waits until the server on PORT answers its health route, at most TRIES × 0.1 s (100).
up() {
  for _ in $(seq "${2:-100}"); do curl -s -o /dev/null "http://127.0.0.1:$1/api/v1/health" && return 0; sleep 0.1; done
}

# token PORT USER: a bearer token of USER on the server on PORT.
token() {
  curl -s -X POST "http://127.0.0.1:$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"HaiPhong#Ke-hoach-57\"}" |
    python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'
}

# cpu_ticks PID: the clock ticks (user + system) the process has used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# cpu_since PID TICKS: the CPU time the process has used since cpu_ticks answered TICKS, as "12.3 s".
cpu_since() { awk -v t0="$2" -v hz="$(getconf CLK_TCK)" '{printf "%.1f s", ($14 + $15 - t0) / hz}' "/proc/$1/stat"; }

# scratch_demo TIENDO NAME: `out`, a directory of its own removed at exit (the server `pid` stopped first), holding
# the Hải Phòng demo loaded by TIENDO as demo.db.
scratch_demo() {
  out=$(mktemp -d "/tmp/tiendo-bench-$2.XXXXXX")
  trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
  "$1" --db "$out/demo.db" demo --data data/demo > /dev/null
}

# serve TIENDO DB PORT CLOCK LOG [OPTION…]: the binary TIENDO serving DB on PORT, its clock at CLOCK, in the
# background with its output in LOG, once it answers; `pid` is its process.
serve() {
  local bin=$1 db=$2 port=$3 clock=$4 log=$5
  shift 5
  "$bin" --db "$db" serve --port "$port" --clock "$clock" "$@" > "$log" 2>&1 &
  pid=$!
  up "$port"
}
