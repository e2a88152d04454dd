#!/usr/bin/env bash
# Times `decant migrate --create-schema` of one SQLite file into a fresh PostgreSQL database with two
# jars, alternating, and prints for each run the wall seconds of the whole command, the CPU seconds of
# the decant JVM (user + system, which other work on the machine skews less than wall time), the rows
# the summary reports, and the load average before and after. For "did this change make migrate
# slower": the same rows, the same server, the two builds side by side. Needs /usr/bin/time (Debian
# package `time`) and psql.
#
#   bench/migrate-ab.sh [-n RUNS] BEFORE.jar AFTER.jar APP.db [migrate options...]
#   java -cp decant-cli/target/decant.jar io.decant.sqlite.demo.D1AppGenerator /tmp/app.db 300000 42
#   bench/migrate-ab.sh -n 3 /tmp/before.jar decant-cli/target/decant.jar /tmp/app.db
#
# The file must have no row whose parent is gone (`sqlite3 APP.db 'PRAGMA foreign_key_check'` prints
# nothing), or both builds stop at the foreign keys: the generator keeps a few such rows on purpose;
# bench/whole-job.sh shows the DELETEs that remove them.
#
# The target database decant_ab (PGHOST/PGPORT/PGUSER, default 127.0.0.1/5432/postgres) is dropped and
# created before each run, and dropped at the end. DECANT_JAVA_OPTS is passed to both JVMs.
set -euo pipefail
runs=3
while getopts n: o; do
  case $o in
    n) runs=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 3 ] || { sed -n '2,18p' "$0"; exit 2; }
a=$1 b=$2 db=$3
shift 3
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
target="postgres://$PGUSER@$PGHOST:$PGPORT/decant_ab"

cpu_file=$(mktemp)
trap 'rm -f "$cpu_file"; psql -q -d postgres -c "DROP DATABASE IF EXISTS decant_ab" >/dev/null 2>&1 || true' EXIT

one() {
  local jar=$1 label=$2 run=$3 start l0 out wall cpu rows
  shift 3
  psql -q -d postgres -c "DROP DATABASE IF EXISTS decant_ab" -c "CREATE DATABASE decant_ab" >/dev/null 2>&1
  psql -q -d postgres -c "CHECKPOINT" >/dev/null
  l0=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  out=$(/usr/bin/time -f 'cpu %U %S' -o "$cpu_file" java ${DECANT_JAVA_OPTS:-} -jar "$jar" migrate --from "sqlite:$db" \
    --to "$target" --create-schema --output json "$@" 2>/dev/null) || { echo "$label run $run: migrate failed" >&2; return 1; }
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  cpu=$(awk '$1=="cpu"{printf "%.2f", $2 + $3}' "$cpu_file")
  rows=$(echo "$out" | python3 -c 'import json,sys; d = json.load(sys.stdin); print(sum(t["rows"] for t in d["tables"]))')
  printf '%-6s run %d  wall %.2f s  cpu %s s  rows %s  load %s..%s\n' "$label" "$run" "$(echo "$wall / 1000" | bc -l)" \
    "$cpu" "$rows" "$l0" "$(cut -d' ' -f1 /proc/loadavg)"
}

for i in $(seq 1 "$runs"); do
  one "$a" before "$i" "$@"
  one "$b" after "$i" "$@"
done
