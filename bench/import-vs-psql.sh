#!/usr/bin/env bash
# Export and import end to end against psql on the same rows, alternating, in one run. Every table of a
# PostgreSQL database goes to an export folder (`decant export`, timed), then from the folder into a new
# database with `decant import --create-schema` (rows, keys, indexes, foreign keys; whole command timed,
# JVM start included), against the psql route into another new database: the same tables created bare
# (pg_dump's pre-data section of decant's own result), `\copy ... FROM file (FORMAT binary)` of each table
# in one session, then the post-data section (keys, indexes, foreign keys), one statement after another.
# A CHECKPOINT runs before each timed step; the load average before each is printed (the machine may be shared).
#
# With two or more jars (an A/B), each run exports and imports with every jar in turn, then the psql route once;
# the export of the first jar is the psql route's reference. Databases are named $DBPREFIX_* (default decant).
#
#   bench/import-vs-psql.sh [-n RUNS] SRC_DB [JAR...]      (SRC_DB: a database name on $PGHOST)
#   PGHOST=127.0.0.1 PGUSER=postgres bench/import-vs-psql.sh -n 3 perf_src
#   DBPREFIX=h_import bench/import-vs-psql.sh -n 2 perf_src old.jar new.jar
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
[ $# -ge 1 ] || { sed -n '2,14p' "$0"; exit 2; }
src=$1
shift
jars=("$@")
[ ${#jars[@]} -ge 1 ] || jars=("$repo/decant-cli/target/decant.jar")
jar=${jars[0]}
prefix=${DBPREFIX:-decant}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
url() { echo "postgres://$PGUSER@$PGHOST:$PGPORT/$1"; }
work=$(mktemp -d "${TMPDIR:-/tmp}/decant-import.XXXXXX")
dbs=()
cleanup() {
  for d in "${dbs[@]-}"; do [ -n "$d" ] && psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$d\"" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fresh() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$1\"" -c "CREATE DATABASE \"$1\""; dbs+=("$1"); }
settle() { psql -X -q -d postgres -c CHECKPOINT >/dev/null; }
load() { cut -d' ' -f1 /proc/loadavg; }
secs() { echo "$(( ($(date +%s%N) - $1) / 1000000 ))" | awk '{ printf "%.2f", $1 / 1000 }'; }
rows=$(psql -X -At -d "$src" -c "SELECT sum(n_live_tup)::bigint FROM pg_stat_user_tables")
tables=$(psql -X -At -d "$src" -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")

# the psql route's inputs: decant's own result as DDL (same types, keys, indexes, foreign keys), and binary COPY files
ref=${prefix}_imp_ref_$$
fresh "$ref"
DECANT_JAR=$jar "$repo/bin/decant" migrate --from "$(url "$src")" --to "$(url "$ref")" --create-schema >/dev/null 2>&1
pg_dump -d "$ref" --section=pre-data > "$work/pre.sql"
pg_dump -d "$ref" --section=post-data > "$work/post.sql"
copy_in=()
for t in $tables; do
  psql -X -q -d "$src" -c "\\copy \"$t\" TO '$work/$t.bin' (FORMAT binary)"
  copy_in+=(-c "\\copy \"$t\" FROM '$work/$t.bin' (FORMAT binary)")
done
echo "rows: $rows in $(echo $tables | wc -w) tables, $(date -u +%H:%M) UTC, $(nproc) cores, jars ${jars[*]}"

for i in $(seq 1 "$runs"); do
  echo "run $i"
  for j in "${!jars[@]}"; do
  jar=${jars[$j]}
  [ ${#jars[@]} -eq 1 ] || echo "  jar $jar"
  rm -rf "$work/export"
  settle
  l=$(load); s=$(date +%s%N)
  DECANT_JAR=$jar "$repo/bin/decant" export --from "$(url "$src")" --out "$work/export" >/dev/null 2>&1
  e=$(secs "$s")
  printf '  decant export             %7s s  %9.0f rows/s  load %s\n' "$e" "$(echo "$rows / $e" | bc -l)" "$l"

  db=${prefix}_imp_$$_${i}_$j
  fresh "$db"; settle
  l=$(load); s=$(date +%s%N)
  DECANT_JAR=$jar /usr/bin/time -f '%U %S' -o "$work/cpu" "$repo/bin/decant" import --in "$work/export" --to "$(url "$db")" --create-schema >"$work/import.out" 2>"$work/import.err" \
    || { tail -5 "$work/import.err" >&2; exit 1; }
  d=$(secs "$s")
  printf '  decant import             %7s s  %9.0f rows/s  load %s  JVM CPU %s s  (%s)\n' "$d" "$(echo "$rows / $d" | bc -l)" "$l" \
    "$(awk '{ printf "%.2f", $1 + $2 }' "$work/cpu")" \
    "$(cat "$work/import.out" "$work/import.err" | grep '^phases:' || true)"
  psql -X -q -d postgres -c "DROP DATABASE \"$db\""
  done

  db=${prefix}_psql_$$_$i
  fresh "$db"; settle
  l=$(load); s=$(date +%s%N)
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$work/pre.sql" >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" "${copy_in[@]}"
  c=$(secs "$s")
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$work/post.sql" >/dev/null
  p=$(secs "$s")
  printf '  psql route                %7s s  %9.0f rows/s  load %s  (tables and rows %s s)  decant/psql %.2fx\n' "$p" \
    "$(echo "$rows / $p" | bc -l)" "$l" "$c" "$(echo "$d / $p" | bc -l)"
  psql -X -q -d postgres -c "DROP DATABASE \"$db\""
done
