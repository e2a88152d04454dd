#!/usr/bin/env bash
# Times one decant command under several sets of JVM options (JIT flags, say), alternating: each round
# runs every set once, in turn, so that other work on the machine hits every set alike. Each run is a
# whole `bin/decant` command (its collector and class-data sharing included), with DECANT_JAVA_OPTS set
# to the set. Per run it prints the wall seconds and the JVM's CPU seconds (user + system, from
# /usr/bin/time), the CPU seconds of the JIT compiler threads (read from /proc every 0.2 s while the
# JVM runs: a lower bound, a thread's last 0.2 s may be missed), and the load average before the run;
# at the end, the medians per set. Needs /usr/bin/time (Debian package `time`) and psql.
#
#   bench/jit-ab.sh [-n RUNS] [-d DB] -o "SET" [-o "SET"...] -- decant-arguments...
#   bench/jit-ab.sh -n 3 -o "" -o "-XX:TieredStopAtLevel=1" -- verify --from sqlite:app.db \
#       --to postgres://postgres@127.0.0.1:5432/dst
#   bench/jit-ab.sh -n 3 -d jit_m -o "" -o "-XX:TieredStopAtLevel=1" -- migrate --from sqlite:app.db \
#       --to postgres://postgres@127.0.0.1:5432/jit_m --create-schema
#
# -d DB: the PostgreSQL database (PGHOST/PGPORT/PGUSER, default 127.0.0.1/5432/postgres) dropped and
# created before each run, and dropped at the end: a migrate's target. The empty set "" is the default.
# DECANT_JAR picks the jar, as for bin/decant.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
runs=3 db="" sets=()
while getopts n:d:o: o; do
  case $o in
    n) runs=$OPTARG ;;
    d) db=$OPTARG ;;
    o) sets+=("$OPTARG") ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" != -- ] || shift
[ $# -ge 1 ] && [ ${#sets[@]} -ge 1 ] || { sed -n '2,18p' "$0"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is needed (Debian package time)" >&2; exit 2; }

work=$(mktemp -d)
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "$1" >/dev/null; }
finish() {
  [ -z "$db" ] || psql_q "DROP DATABASE IF EXISTS \"$db\"" || true
  rm -rf "$work"
}
trap finish EXIT

# jit_cpu PID: the summed CPU seconds of the compiler threads of PID, sampled until PID exits.
# A thread's last (utime + stime) seen is kept; the JVM may end a compiler thread it no longer needs.
jit_cpu() {
  local pid=$1 f line rest comm tid fields
  declare -A seen=()
  while [ -d "/proc/$pid" ]; do
    for f in /proc/"$pid"/task/*/stat; do
      read -r line 2>/dev/null <"$f" || continue
      comm=${line#*(}
      comm=${comm%%)*}
      case $comm in C1\ CompilerThre*|C2\ CompilerThre*) ;; *) continue ;; esac
      tid=${line%% *}
      rest=${line##*) }
      read -r -a fields <<<"$rest"
      seen[$tid]=$(( fields[11] + fields[12] ))
    done
    sleep 0.2
  done
  local sum=0 t
  for t in "${seen[@]}"; do sum=$(( sum + t )); done
  awk -v s="$sum" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", s / hz }'
}

echo "decant $*"
echo "$(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, jar ${DECANT_JAR:-$repo/decant-cli/target/decant.jar}"
for r in $(seq 1 "$runs"); do
  i=0
  for set in "${sets[@]}"; do
    i=$((i + 1))
    [ -z "$db" ] || { psql_q "DROP DATABASE IF EXISTS \"$db\""; psql_q "CREATE DATABASE \"$db\""; psql_q "CHECKPOINT"; }
    l0=$(cut -d' ' -f1 /proc/loadavg)
    DECANT_JAVA_OPTS=$set /usr/bin/time -f '%e %U %S' -o "$work/time" "$repo/bin/decant" "$@" >"$work/out" 2>"$work/err" &
    tpid=$!
    jpid=""
    while [ -z "$jpid" ] && kill -0 "$tpid" 2>/dev/null; do
      jpid=$(pgrep -P "$tpid" || true)
      [ -n "$jpid" ] || sleep 0.02
    done
    jit=$( [ -n "$jpid" ] && jit_cpu "$jpid" || echo 0)
    if ! wait "$tpid"; then
      echo "run $r, set ${set:-default}: decant failed:" >&2; tail -5 "$work/err" "$work/out" >&2; exit 1
    fi
    read -r wall user sys <"$work/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    printf 'run %d  %-40s %7.2f s wall %7.2f s cpu %6.2f s jit  load %s\n' "$r" "${set:-default}" "$wall" "$cpu" "$jit" "$l0"
    echo "$i $wall $cpu $jit" >>"$work/all"
  done
done
echo "medians over $runs runs:"
i=0
for set in "${sets[@]}"; do
  i=$((i + 1))
  median() { awk -v i="$i" -v c="$1" '$1 == i { print $c }' "$work/all" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  printf '  %-40s %7.2f s wall %7.2f s cpu %6.2f s jit\n' "${set:-default}" "$(median 2)" "$(median 3)" "$(median 4)"
done
