#!/usr/bin/env bash
# decant on Spark against decant on one machine, PostgreSQL to PostgreSQL, measured in one run:
#   one.decant   decant migrate --create-schema                    (bin/decant, decant-cli/target/decant.jar)
#   spark.local1 decant-spark.jar migrate --master local[1] --create-schema
#   spark.local2 decant-spark.jar migrate --master local[2] --create-schema
#   spark.local4 decant-spark.jar migrate --master local[4] --create-schema (more tasks than cores when nproc < 4)
# Each into a fresh target, CHECKPOINT before each; wall seconds of the whole command (JVM and Spark start
# included) and the rows/s that gives; then each target is verified against the source (must pass).
# Then the target's own cap, without decant: the table is written to N binary COPY files (id % N), and N
# concurrent `psql -c "\copy readings FROM file (FORMAT binary)"` streams load them into one fresh target
# (the table without its key, as decant loads before it builds indexes): copy.streamsN, N = 1, 2, 4, timed
# from the first stream's start to the last one's end.
#
#   ./mvnw -q -DskipTests package      # decant.jar and decant-spark.jar
#   bench/spark.sh [--rows N] [--slice-rows N]
#
# Spark's own jars: $SPARK_HOME/jars when SPARK_HOME is set, else decant-spark/target/spark-classpath.txt
# (the spark-core class path Maven resolved when it packaged decant-spark). PGHOST/PGPORT/PGUSER as bench/run.sh (default 127.0.0.1, 5432, postgres).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
ROWS=2000000
SLICE_ROWS=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift 2 ;;
    --slice-rows) SLICE_ROWS=$2; shift 2 ;;
    *) echo "usage: bench/spark.sh [--rows N] [--slice-rows N]" >&2; exit 2 ;;
  esac
done
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DECANT_JAR=${DECANT_JAR:-$repo/decant-cli/target/decant.jar}
SPARK_JAR=${SPARK_JAR:-$repo/decant-spark/target/decant-spark.jar}
for f in "$DECANT_JAR" "$SPARK_JAR"; do
  [ -f "$f" ] || { echo "bench/spark.sh: $f is missing; build with ./mvnw -q -DskipTests package" >&2; exit 2; }
done
RUN_DIR=$(mktemp -d /tmp/decant-spark-bench.XXXXXX)
RESULTS=$RUN_DIR/results.tsv

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
psql_db() { local db=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
url() { echo "postgres://$PGUSER@$PGHOST:$PGPORT/$1"; }
DBS=()
fresh_db() { psql_db postgres -c "DROP DATABASE IF EXISTS \"$1\"" -c "CREATE DATABASE \"$1\""; DBS+=("$1"); }
cleanup() { for db in "${DBS[@]-}"; do [ -n "$db" ] && psql_db postgres -c "DROP DATABASE IF EXISTS \"$db\"" 2>/dev/null || true; done; }
trap cleanup EXIT

if [ -n "${SPARK_HOME:-}" ]; then
  spark_cp="$SPARK_HOME/jars/*"
else
  # written by ./mvnw package: the spark-core class path Maven resolved for decant-spark
  spark_cp=$(cat "$repo/decant-spark/target/spark-classpath.txt")
fi
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"

log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
src=decant_spark_bench_src
fresh_db "$src"
log "generating $ROWS rows in $src.readings"
psql_db "$src" -c "CREATE TABLE readings (id bigint PRIMARY KEY, device uuid NOT NULL, value double precision,
    amount numeric(10,2), taken timestamptz NOT NULL, note text, raw bytea)" \
  -c "INSERT INTO readings SELECT g, md5(g::text)::uuid, CASE WHEN g % 20 = 0 THEN NULL ELSE (g::bigint * 7919 % 1000003) / 1000.0 END,
    (g * 31 % 1000000) / 100.0, TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * interval '1 second',
    CASE WHEN g % 3 = 0 THEN NULL ELSE 'note ' || g || ' é😀' END, CASE WHEN g % 5 = 0 THEN decode(md5(g::text), 'hex') END
    FROM generate_series(1, $ROWS) g" -c "ANALYZE readings"

timed() { # METRIC DB command...
  local metric=$1 db=$2; shift 2
  fresh_db "$db"
  psql_db postgres -c CHECKPOINT >/dev/null
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"$RUN_DIR/$metric.out" 2>"$RUN_DIR/$metric.err" || { log "$metric failed"; tail -20 "$RUN_DIR/$metric.err" >&2; exit 1; }
  t1=$(date +%s.%N)
  printf '%s\t%s\n' "$metric" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')" >> "$RESULTS"
  DECANT_JAR="$DECANT_JAR" "$repo/bin/decant" verify --from "$(url "$src")" --to "$(url "$db")" >"$RUN_DIR/$metric.verify" 2>&1 \
    || { log "$metric: verify failed"; cat "$RUN_DIR/$metric.verify" >&2; exit 1; }
}
spark() { # MASTER DB
  java -Xmx1g $opens -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
    -cp "$SPARK_JAR:$spark_cp" io.decant.spark.Main migrate --master "$1" --from "$(url "$src")" --to "$(url "$2")" \
    --create-schema --slice-rows "$SLICE_ROWS"
}
log "one machine"
timed one.decant decant_spark_bench_one env DECANT_JAR="$DECANT_JAR" "$repo/bin/decant" migrate --from "$(url "$src")" \
  --to "$(url decant_spark_bench_one)" --create-schema
log "Spark local[1]"
timed spark.local1 decant_spark_bench_l1 spark "local[1]" decant_spark_bench_l1
log "Spark local[2]"
timed spark.local2 decant_spark_bench_l2 spark "local[2]" decant_spark_bench_l2
log "Spark local[4]"
timed spark.local4 decant_spark_bench_l4 spark "local[4]" decant_spark_bench_l4

# The target's cap: N concurrent binary COPY streams of psql into one PostgreSQL, decant not involved.
table_ddl="CREATE TABLE readings (id bigint NOT NULL, device uuid NOT NULL, value double precision,
    amount numeric(10,2), taken timestamptz NOT NULL, note text, raw bytea)"
for n in 1 2 4; do
  log "$n binary COPY stream(s) into one target"
  for ((i = 0; i < n; i++)); do
    psql_db "$src" -c "\\copy (SELECT * FROM readings WHERE id % $n = $i) TO '$RUN_DIR/part$n.$i.bin' WITH (FORMAT binary)"
  done
  db=decant_spark_bench_copy$n
  fresh_db "$db"
  psql_db "$db" -c "$table_ddl"
  psql_db postgres -c CHECKPOINT >/dev/null
  t0=$(date +%s.%N)
  pids=()
  for ((i = 0; i < n; i++)); do
    psql_db "$db" -c "\\copy readings FROM '$RUN_DIR/part$n.$i.bin' WITH (FORMAT binary)" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { log "copy stream failed"; exit 1; }; done
  t1=$(date +%s.%N)
  printf '%s\t%s\n' "copy.streams$n" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')" >> "$RESULTS"
  loaded=$(psql_db "$db" -At -c "SELECT count(*) FROM readings")
  [ "$loaded" = "$ROWS" ] || { log "copy.streams$n loaded $loaded rows, not $ROWS"; exit 1; }
  rm -f "$RUN_DIR"/part$n.*.bin
done

one=$(awk '$1 == "one.decant" { print $2 }' "$RESULTS")
printf '\n%-14s %9s %12s %9s\n' metric seconds rows/s "vs one"
while IFS=$'\t' read -r m s; do
  printf '%-14s %9s %12.0f %9.2f\n' "$m" "$s" "$(awk -v r="$ROWS" -v s="$s" 'BEGIN { print r / s }')" \
    "$(awk -v a="$one" -v b="$s" 'BEGIN { print a / b }')"
done < "$RESULTS"
echo "(rows $ROWS, slice rows $SLICE_ROWS, $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg);"\
  "decant's targets verified, the COPY targets counted)"
