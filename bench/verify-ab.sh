#!/usr/bin/env bash
# Times `decant verify` of one table with two jars, alternating, and prints for each run the seconds
# of the table's checksum phase (from its "verifying" line to its result line on stderr), the wall
# seconds of the whole command, and the load average before and after (other work on the machine
# skews every number; read them with it).
#
#   bench/verify-ab.sh [-n RUNS] [-t TABLE] BEFORE.jar AFTER.jar FROM TO [verify options...]
#   bench/verify-ab.sh -n 3 /tmp/before.jar decant-cli/target/decant.jar sqlite:app.db \
#       postgres://postgres@127.0.0.1:5432/dst --spec decant.yaml --mapping m.json --tables readings
#
# DECANT_JAVA_OPTS is passed to both JVMs (e.g. -Ddecant.verify.threads=1).
set -euo pipefail
runs=3
table=readings
while getopts n:t: o; do
  case $o in
    n) runs=$OPTARG ;;
    t) table=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 4 ] || { sed -n '2,12p' "$0"; exit 2; }
a=$1 b=$2 from=$3 to=$4
shift 4

one() {
  local jar=$1 label=$2 run=$3 start l0 out phase wall
  shift 3
  l0=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  out=$(java ${DECANT_JAVA_OPTS:-} -jar "$jar" verify --from "$from" --to "$to" "$@" 2>&1 >/dev/null |
    while IFS= read -r line; do echo "$(( ($(date +%s%N) - start) / 1000000 )) $line"; done) || true
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  phase=$(echo "$out" | awk -v t="$table:" '$2==t && $3=="verifying"{s=$1} $2==t && ($3=="pass"||$3=="fail"||$3=="warn"){e=$1; r=$3} END{if (e) printf "%.2f %s", (e-s)/1000, r; else print "? error"}')
  printf '%-6s run %d  table phase %s s  wall %.2f s  load %s..%s\n' "$label" "$run" "${phase% *}" \
    "$(echo "$wall / 1000" | bc -l)" "$l0" "$(cut -d' ' -f1 /proc/loadavg)"
  [ "${phase#* }" != error ] || echo "$out" | tail -3 >&2
}

for i in $(seq 1 "$runs"); do
  one "$a" before "$i" "$@"
  one "$b" after "$i" "$@"
done
