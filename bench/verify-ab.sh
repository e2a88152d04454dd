#!/usr/bin/env bash
# Times `decant verify` of one table with two jars, alternating, and prints for each run the seconds
# of the table's checksum phase (from its "verifying" line to its result line on stderr), the seconds
# after it (the integrity checks that still read the target on their own, and the report), the wall
# seconds of the whole command, the CPU seconds of the decant JVM (user + system, which other work on
# the machine skews less than wall time), and the load average before and after (other work on the
# machine skews every number; read them with it). Needs /usr/bin/time (Debian package `time`).
#
#   bench/verify-ab.sh [-n RUNS] [-t TABLE] BEFORE.jar AFTER.jar FROM TO [verify options...]
#   bench/verify-ab.sh -n 3 /tmp/before.jar decant-cli/target/decant.jar sqlite:app.db \
#       postgres://postgres@127.0.0.1:5432/dst --spec decant.yaml --mapping m.json --tables readings
#
# DECANT_JAVA_OPTS is passed to both JVMs (e.g. -Xmx256m); add verify's own options, e.g. --threads 1, after the URLs.
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
[ $# -ge 4 ] || { sed -n '2,13p' "$0"; exit 2; }
a=$1 b=$2 from=$3 to=$4
shift 4

cpu_file=$(mktemp)
trap 'rm -f "$cpu_file"' EXIT

one() {
  local jar=$1 label=$2 run=$3 start l0 out phase wall rest cpu
  shift 3
  l0=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  out=$(/usr/bin/time -f 'cpu %U %S' -o "$cpu_file" java ${DECANT_JAVA_OPTS:-} -jar "$jar" verify --from "$from" --to "$to" "$@" 2>&1 >/dev/null |
    while IFS= read -r line; do echo "$(( ($(date +%s%N) - start) / 1000000 )) $line"; done) || true
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  phase=$(echo "$out" | awk -v t="$table:" '$2==t && $3=="verifying"{s=$1} $2==t && ($3=="pass"||$3=="fail"||$3=="warn"){e=$1; r=$3} END{if (e) printf "%.2f %s %d", (e-s)/1000, r, e; else print "? error 0"}')
  rest=$(echo "$phase" | awk -v w="$wall" '{ if ($3 > 0) printf "%.2f", (w - $3) / 1000; else print "?" }')
  cpu=$(awk '$1=="cpu"{printf "%.2f", $2 + $3}' "$cpu_file")
  printf '%-6s run %d  table phase %s s  after it %s s  wall %.2f s  cpu %s s  load %s..%s\n' "$label" "$run" \
    "$(echo "$phase" | cut -d' ' -f1)" "$rest" "$(echo "$wall / 1000" | bc -l)" "$cpu" "$l0" "$(cut -d' ' -f1 /proc/loadavg)"
  [ "$(echo "$phase" | cut -d' ' -f2)" != error ] || echo "$out" | tail -3 >&2
}

for i in $(seq 1 "$runs"); do
  one "$a" before "$i" "$@"
  one "$b" after "$i" "$@"
done
