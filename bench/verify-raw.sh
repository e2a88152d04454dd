#!/usr/bin/env bash
# Times `decant verify` of every table against the raw read of both sides at once, alternating, in one
# run: the ratio the verify target names (verify <= 2x the raw read). The raw read is one sqlite3
# process printing every table to /dev/null (or, for PG vs PG, a second psql) beside one psql session
# running `\copy (SELECT * FROM t) TO /dev/null (FORMAT binary)` for every table, both started
# together; its time is the slower of the two. Each decant run is a whole `bin/decant verify` command
# (JVM start, planning, checksums, integrity checks), with /usr/bin/time's wall seconds and the JVM's
# CPU seconds. The load average before each step is printed: the machine may be shared.
#
#   bench/verify-raw.sh [-n RUNS] FROM TO JAR [JAR...]   (FROM: sqlite:FILE or postgres://...; TO: postgres://...)
#   bench/verify-raw.sh -n 3 sqlite:/tmp/d1.db postgres://postgres@127.0.0.1:5432/src /tmp/before.jar decant-cli/target/decant.jar
#
# DECANT_JAVA_OPTS reaches every decant JVM (e.g. -Xmx256m).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
runs=3
while getopts n: o; do
  case $o in
    n) runs=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 3 ] || { sed -n '2,13p' "$0"; exit 2; }
from=$1 to=$2
shift 2
for tool in psql sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done

# the tables decant verifies: the target's, as verify lists them
tables=$(psql -X -At -d "$to" -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
copies() {
  local args=() t
  for t in $tables; do
    args+=(-c "\\copy (SELECT * FROM \"$t\") TO /dev/null (FORMAT binary)")
  done
  psql -X -q -d "$1" "${args[@]}"
}
side_from() {
  case "$from" in
    sqlite:*)
      local t sql=""
      for t in $tables; do sql+="SELECT * FROM \"$t\";"; done
      sqlite3 "${from#sqlite:}" "$sql" >/dev/null ;;
    *) copies "$from" ;;
  esac
}
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
raw() {
  local s
  s=$(date +%s%N)
  side_from & local p=$!
  copies "$to"
  wait "$p"
  printf 'raw read, both sides at once   %6.2f s wall                  load %s\n' "$(echo "$(ms "$s") / 1000" | bc -l)" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
tf=$(mktemp)
trap 'rm -f "$tf"' EXIT
verify() {
  local jar=$1 l0
  l0=$(cut -d' ' -f1 /proc/loadavg)
  if ! DECANT_JAR=$jar /usr/bin/time -f '%e %U %S %M' -o "$tf" "$repo/bin/decant" verify --from "$from" --to "$to" >/dev/null 2>"$tf.err"; then
    echo "verify failed with $jar:" >&2; tail -5 "$tf.err" >&2; exit 1
  fi
  awk -v j="$(basename "$jar")" -v l="$l0" '{ printf "verify %-22s %6.2f s wall %6.2f s cpu %4.0f MB  load %s\n", j, $1, $2 + $3, $4 / 1024, l }' "$tf"
  rm -f "$tf.err"
}
echo "tables: $(echo $tables | wc -w), $(date -u +%H:%M) UTC, $(nproc) cores"
for i in $(seq 1 "$runs"); do
  echo "run $i"
  raw
  for jar in "$@"; do
    verify "$jar"
  done
done
