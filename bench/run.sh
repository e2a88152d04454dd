#!/usr/bin/env bash
# decant's benchmark: decant and the baselines on the same rows, alternating, N times, medians and
# the ratios that issue 8's targets name. See docs/benchmarks.md for what is measured and why.
#
#   bench/run.sh [--rows 1M|5M|20M|N] [--runs N] [--only LIST] [--keep-data] [--clean]
#
# LIST is a comma-separated subset of: sqlite,pg,files,verify,memory,tables (default: all).
# Environment: DECANT_JAR (default: the jar bin/decant runs), PGHOST/PGPORT/PGUSER (default
# 127.0.0.1/5432/postgres; the role must create and drop databases and run CHECKPOINT),
# BENCH_DIR (default /tmp/decant-bench: generated data, cached between runs), DECANT_JAVA_OPTS.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
DECANT_JAR=${DECANT_JAR:-$repo/decant-cli/target/decant.jar}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
BENCH_DIR=${BENCH_DIR:-/tmp/decant-bench}
ROWS=1000000
RUNS=3
ONLY=sqlite,pg,files,verify,memory,tables
KEEP_DATA=0
CLEAN=0

while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --keep-data) KEEP_DATA=1; shift ;;
    --clean) CLEAN=1; shift ;;
    -h|--help) sed -n 2,12p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$ROWS" in
  *[mM]) ROWS=$(( ${ROWS%[mM]} * 1000000 )) ;;
  *[kK]) ROWS=$(( ${ROWS%[kK]} * 1000 )) ;;
esac
[[ "$ROWS" =~ ^[0-9]+$ ]] || { echo "bench: --rows must be a number, 1M, 5M or 20M" >&2; exit 2; }

if [ "$CLEAN" = 1 ]; then
  rm -rf "$BENCH_DIR"
  echo "removed $BENCH_DIR"
  exit 0
fi
[ -f "$DECANT_JAR" ] || { echo "bench: $DECANT_JAR is missing; build it with ./mvnw -q -DskipTests package" >&2; exit 2; }
for tool in psql pg_dump pg_restore java awk; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is required (Debian: apt-get install time)" >&2; exit 2; }

source "$here/lib.sh"

mkdir -p "$BENCH_DIR"
RUN_DIR=$(mktemp -d "$BENCH_DIR/run.XXXXXX")
RESULTS="$RUN_DIR/results.tsv"
: > "$RESULTS"
DB_PREFIX="decant_bench_$$"
trap cleanup EXIT
trap 'exit 130' INT TERM

SQLITE="$BENCH_DIR/d1_${ROWS}_42.db"
SRC_DB="${DB_PREFIX}_src"
DST_DB="${DB_PREFIX}_dst"

machine_summary
log "rows: $ROWS (readings), runs: $RUNS, only: $ONLY, work: $RUN_DIR"

# --- data, once ---------------------------------------------------------------------------------
if [ ! -f "$SQLITE" ]; then
  log "generating $SQLITE (D1AppGenerator, seed 42)"
  java -cp "$DECANT_JAR" io.decant.sqlite.demo.D1AppGenerator "$SQLITE.tmp" "$ROWS" 42
  mv "$SQLITE.tmp" "$SQLITE"
fi
# The PostgreSQL copy of readings is the source for PG->PG and where the baseline files come from:
# exactly the rows decant loads, in the formats psql's COPY would load.
log "preparing the PostgreSQL source and the COPY files"
fresh_db "$SRC_DB"
decant migrate --from "sqlite:$SQLITE" --to "$(pg_url "$SRC_DB")" --create-schema --tables readings >/dev/null 2>"$RUN_DIR/prepare.err" \
  || { cat "$RUN_DIR/prepare.err" >&2; exit 1; }
psql_db "$SRC_DB" -c "VACUUM ANALYZE readings" >/dev/null
pg_dump --section=pre-data -t readings "$SRC_DB" > "$RUN_DIR/pre.sql"
pg_dump --section=post-data -t readings "$SRC_DB" > "$RUN_DIR/post.sql"
psql_db "$SRC_DB" -c "\\copy readings TO '$RUN_DIR/readings.bin' (FORMAT binary)" >/dev/null
psql_db "$SRC_DB" -c "\\copy readings TO '$RUN_DIR/readings.csv' (FORMAT csv)" >/dev/null
log "COPY files: binary $(du -h "$RUN_DIR/readings.bin" | cut -f1), csv $(du -h "$RUN_DIR/readings.csv" | cut -f1)"

if wants tables; then
  prepare_many_tables
fi

# --- the runs, alternating ----------------------------------------------------------------------
for run in $(seq 1 "$RUNS"); do
  log "run $run of $RUNS"
  if wants sqlite; then
    bench_sqlite_to_pg "$run"
  fi
  if wants pg; then
    bench_pg_to_pg "$run"
  fi
  if wants files; then
    bench_files "$run"
  fi
  if wants verify; then
    bench_verify "$run"
  fi
  if wants memory; then
    bench_memory "$run"
  fi
  if wants tables; then
    bench_many_tables "$run"
  fi
done

report
