#!/usr/bin/env bash
# Times CREATE UNIQUE INDEX on one text column of ROWS distinct random values (32 hex characters, in random
# order) under several collations: the database default, "C" (what decant creates for a SQLite source,
# --collation source) and ICU's root collation (what a database created with an ICU default would use).
# Each collation has its own copy of the same rows; the runs alternate between collations, and each run
# drops the index first and checkpoints before it is timed. Prints one line per run, then the median per
# collation. The server's maintenance_work_mem and max_parallel_maintenance_workers apply as they are set
# (printed); other work on the machine skews every number (the load average is printed before and after).
#
#   bench/collation.sh [ROWS] [RUNS]        (default 1000000 3; PGHOST, PGPORT, PGUSER as for psql)
#   PGHOST=127.0.0.1 PGUSER=postgres bench/collation.sh 1000000 3
set -euo pipefail
rows=${1:-1000000}
runs=${2:-3}
db=decant_bench_collation
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8'"
trap 'q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT

default=$(q -d "$db" -Atc "SELECT datcollate || ' (' || CASE datlocprovider WHEN 'i' THEN 'icu' ELSE 'libc' END || ')' FROM pg_database WHERE datname = current_database()")
echo "postgres: $(q -d "$db" -Atc 'SHOW server_version'); default collation: $default;" \
  "maintenance_work_mem $(q -d "$db" -Atc 'SHOW maintenance_work_mem');" \
  "max_parallel_maintenance_workers $(q -d "$db" -Atc 'SHOW max_parallel_maintenance_workers')"

# name|collation clause
collations=('default|' 'C|COLLATE "C"' 'und-x-icu|COLLATE "und-x-icu"')
q -d "$db" -c "CREATE UNLOGGED TABLE src AS SELECT md5(i::text || 'decant') AS v FROM generate_series(1, $rows) i ORDER BY random()"
for entry in "${collations[@]}"; do
  name=${entry%%|*} clause=${entry#*|}
  t="t_$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_')"
  q -d "$db" -c "CREATE TABLE $t (v text $clause)" -c "INSERT INTO $t SELECT v FROM src" -c "VACUUM ANALYZE $t"
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A times
for run in $(seq 1 "$runs"); do
  for entry in "${collations[@]}"; do
    name=${entry%%|*}
    t="t_$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_')"
    q -d "$db" -c "DROP INDEX IF EXISTS ${t}_v" -c "CHECKPOINT"
    ms=$(q -d "$db" -c '\timing on' -c "CREATE UNIQUE INDEX ${t}_v ON $t (v)" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
    printf 'run %d  %-10s  %8.0f ms\n' "$run" "$name" "$ms"
    times[$name]="${times[$name]-} $ms"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for entry in "${collations[@]}"; do
  name=${entry%%|*}
  median=$(echo "${times[$name]}" | tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  printf 'median  %-10s  %8.0f ms  (%s rows, %s runs)\n' "$name" "$median" "$rows" "$runs"
done
