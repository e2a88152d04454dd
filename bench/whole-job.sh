#!/usr/bin/env bash
# The whole job on the D1-style app database: empty PostgreSQL database to every table with its rows,
# primary keys, unique constraints, indexes and foreign keys. decant (--create-schema, at each --jobs
# given) against the hand-tuned psql route and pgloader (when installed), alternating, in one run.
#   bench/whole-job.sh [--rows 1M|N] [--runs N] [--jobs "1 2 4"]
# The psql route: pg_dump's pre-data section (bare tables), \copy of every table's binary COPY file,
# two at a time, largest first; then pg_dump's post-data section as a DBA would run it on two cores:
# keys and indexes two at a time, then the foreign keys two at a time. Its binary files are made
# beforehand from decant's own result and not timed: that route never reads SQLite.
# The sqlite3 route is the same, except that each table's rows come from SQLite as a DBA would take
# them: `sqlite3 -csv` piped into `\copy ... FROM STDIN (FORMAT csv)`, two tables at a time, blobs
# as hex, reals printed with 17 digits (sqlite3's own 15 would round them). Both routes end with the
# same keys, indexes and foreign keys, and the sqlite3 route's row counts are checked after each run.
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
RUNS=2
JOBS="1 2 4"
KEEP_DATA=0

while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    -h|--help) sed -n 2,8p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$ROWS" in
  *[mM]) ROWS=$(( ${ROWS%[mM]} * 1000000 )) ;;
  *[kK]) ROWS=$(( ${ROWS%[kK]} * 1000 )) ;;
esac
[[ "$ROWS" =~ ^[0-9]+$ ]] || { echo "bench: --rows must be a number, 1M or 500k" >&2; exit 2; }
[ -f "$DECANT_JAR" ] || { echo "bench: $DECANT_JAR is missing; build it with ./mvnw -q -DskipTests package" >&2; exit 2; }
for tool in psql pg_dump java python3 sqlite3 xargs; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done

# shellcheck source=bench/lib.sh
. "$here/lib.sh"
mkdir -p "$BENCH_DIR"
RUN_DIR=$(mktemp -d "$BENCH_DIR/whole.XXXXXX")
RESULTS="$RUN_DIR/results.tsv"
: > "$RESULTS"
DB_PREFIX="decant_whole_$$"
trap cleanup EXIT
trap 'exit 130' INT TERM

SQLITE="$BENCH_DIR/d1_${ROWS}_42.db"
CLEAN_DB="$BENCH_DIR/d1_${ROWS}_42_clean.db"
SRC_DB="${DB_PREFIX}_src"
machine_summary
log "rows: $ROWS (readings), runs: $RUNS, decant jobs: $JOBS, work: $RUN_DIR"

if [ ! -f "$SQLITE" ]; then
  log "generating $SQLITE (D1AppGenerator, seed 42)"
  java -cp "$DECANT_JAR" io.decant.sqlite.demo.D1AppGenerator "$SQLITE.tmp" "$ROWS" 42
  mv "$SQLITE.tmp" "$SQLITE"
fi
# The generator keeps rows whose parent is gone (SQLite does not enforce foreign keys), on purpose; a
# whole job with foreign keys needs them gone, for every contender alike.
if [ ! -f "$CLEAN_DB" ]; then
  cp "$SQLITE" "$CLEAN_DB.tmp"
  sqlite3 "$CLEAN_DB.tmp" "
    DELETE FROM accounts WHERE userId NOT IN (SELECT id FROM users);
    DELETE FROM sessions WHERE userId NOT IN (SELECT id FROM users);
    DELETE FROM user_wallet WHERE user_id NOT IN (SELECT id FROM users);
    DELETE FROM user_progress WHERE user_id NOT IN (SELECT id FROM users);
    DELETE FROM habits WHERE user_id NOT IN (SELECT id FROM users);
    DELETE FROM habit_logs WHERE habit_id NOT IN (SELECT id FROM habits);"
  [ -z "$(sqlite3 "$CLEAN_DB.tmp" 'PRAGMA foreign_key_check')" ] || { echo "bench: orphans left" >&2; exit 1; }
  mv "$CLEAN_DB.tmp" "$CLEAN_DB"
fi

# The psql route's inputs: decant's own result (the same tables, keys, indexes and foreign keys),
# dumped as DDL, and each table as a binary COPY file.
log "preparing the psql route's DDL and COPY files"
fresh_db "$SRC_DB"
decant migrate --from "sqlite:$CLEAN_DB" --to "$(pg_url "$SRC_DB")" --create-schema --jobs 1 >/dev/null 2>"$RUN_DIR/prepare.err" \
  || { cat "$RUN_DIR/prepare.err" >&2; exit 1; }
pg_dump --section=pre-data -N decant "$SRC_DB" > "$RUN_DIR/pre.sql"
pg_dump --section=post-data -N decant "$SRC_DB" > "$RUN_DIR/post.sql"
mkdir -p "$RUN_DIR/copy" "$RUN_DIR/keys" "$RUN_DIR/fks"
TABLES=$(psql_db "$SRC_DB" -At -c "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_relation_size(c.oid) DESC")
mkdir -p "$RUN_DIR/select"
for t in $TABLES; do
  psql_db "$SRC_DB" -c "\\copy public.\"$t\" TO '$RUN_DIR/copy/$t.bin' (FORMAT binary)" >/dev/null
  # the sqlite3 route's SELECT for this table: the created table's columns, in order
  psql_db "$SRC_DB" -At -F $'\t' -c "SELECT column_name, data_type FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = '$t' ORDER BY ordinal_position" \
    | awk -F'\t' -v t="$t" '{
        q = "\"" $1 "\""
        if ($2 == "bytea") e = "(CASE WHEN " q " IS NULL THEN NULL ELSE '"'"'\\x'"'"' || hex(" q ") END)"
        else if ($2 == "double precision" || $2 == "real") e = "(CASE WHEN " q " IS NULL THEN NULL ELSE printf('"'"'%!.17g'"'"', " q ") END)"
        else e = q
        cols = cols (NR > 1 ? ", " : "") e
      } END { print "SELECT " cols " FROM \"" t "\";" }' > "$RUN_DIR/select/$t.sql"
done
SRC_COUNTS=$(for t in $TABLES; do printf '%s %s\n' "$t" "$(psql_db "$SRC_DB" -At -c "SELECT count(*) FROM public.\"$t\"")"; done)
# One file per post-data statement: foreign keys apart, everything else (keys, indexes) first.
python3 - "$RUN_DIR" <<'PY'
import re, sys
d = sys.argv[1]
text = open(d + "/post.sql").read()
text = "\n".join(l for l in text.splitlines() if not l.startswith("--") and not l.startswith("SET ") and not l.startswith("\\")
                 and not l.startswith("SELECT pg_catalog.set_config"))
n = 0
for stmt in [s.strip() for s in text.split(";\n") if s.strip()]:
    n += 1
    kind = "fks" if "FOREIGN KEY" in stmt else "keys"
    open(f"{d}/{kind}/{n:03d}.sql", "w").write(stmt + ";\n")
PY
log "psql route: $(ls "$RUN_DIR/copy" | wc -l) tables, $(ls "$RUN_DIR/keys" | wc -l) keys and indexes, $(ls "$RUN_DIR/fks" | wc -l) foreign keys"

# One table from its binary COPY file (the psql route's data step).
binary_table() {
  psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "\\copy public.\"$2\" FROM '$RUN_DIR/copy/$2.bin' (FORMAT binary)"
}
# One table from SQLite into PostgreSQL through a pipe (the sqlite3 route's data step).
sqlite3_table() {
  local db=$1 t=$2
  sqlite3 -csv "$CLEAN_DB" < "$RUN_DIR/select/$t.sql" \
    | psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "\\copy public.\"$t\" FROM STDIN (FORMAT csv)"
}
export -f binary_table sqlite3_table
export CLEAN_DB RUN_DIR

# hand_route DB DATA_STEP: bare tables, each table's rows by DATA_STEP two at a time, then the keys and
# indexes two at a time, then the foreign keys two at a time; prints the three steps' seconds.
hand_route() {
  local db=$1 step=$2
  psql_db "$db" -f "$RUN_DIR/pre.sql" >/dev/null
  local t0 t1 t2 t3
  t0=$(now)
  for t in $TABLES; do echo "$t"; done | xargs -P 2 -I{} bash -c 'set -o pipefail; "$0" "$1" "$2"' "$step" "$db" {}
  t1=$(now)
  ls "$RUN_DIR"/keys/*.sql | xargs -P 2 -I{} psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f {} >/dev/null
  t2=$(now)
  ls "$RUN_DIR"/fks/*.sql | xargs -P 2 -I{} psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f {} >/dev/null
  t3=$(now)
  echo "$(elapsed "$t0" "$t1") $(elapsed "$t1" "$t2") $(elapsed "$t2" "$t3")"
}

# time_route NAME DATA_STEP RUN: one hand-made route into a fresh database, recorded as NAME.*; the row
# counts are checked against decant's result.
time_route() {
  local name=$1 step=$2 run=$3 db="${DB_PREFIX}_$1" t0 t1 c k f got
  fresh_db "$db"; settle
  t0=$(now)
  read -r c k f < <(hand_route "$db" "$step")
  t1=$(now)
  record "$name.total" "$run" "$(elapsed "$t0" "$t1")"
  record "$name.copy" "$run" "$c"; record "$name.keys_indexes" "$run" "$k"; record "$name.fks" "$run" "$f"
  got=$(for t in $TABLES; do printf '%s %s\n' "$t" "$(psql_db "$db" -At -c "SELECT count(*) FROM public.\"$t\"")"; done)
  [ "$got" = "$SRC_COUNTS" ] || { echo "bench: the $name route's row counts differ:"; diff <(echo "$SRC_COUNTS") <(echo "$got"); exit 1; } >&2
  psql_db postgres -c "DROP DATABASE \"$db\"" >/dev/null
}

pgloader_route() {
  cat > "$RUN_DIR/pgloader.load" <<LOAD
LOAD DATABASE
  FROM sqlite://$CLEAN_DB
  INTO postgresql://$PGUSER@$PGHOST:$PGPORT/$1
  WITH include drop, create tables, create indexes, reset sequences, foreign keys;
LOAD
  pgloader --quiet "$RUN_DIR/pgloader.load" >"$RUN_DIR/pgloader.out" 2>&1 \
    || { tail -20 "$RUN_DIR/pgloader.out" >&2; return 1; }
}

for run in $(seq 1 "$RUNS"); do
  log "run $run of $RUNS"
  for j in $JOBS; do
    db="${DB_PREFIX}_decant_$j"
    fresh_db "$db"; settle
    t0=$(now)
    decant migrate --from "sqlite:$CLEAN_DB" --to "$(pg_url "$db")" --create-schema --jobs "$j" --output json \
      >"$RUN_DIR/decant.$j.$run.json" 2>"$RUN_DIR/decant.$j.$run.err" \
      || { tail -20 "$RUN_DIR/decant.$j.$run.err" >&2; exit 1; }
    t1=$(now)
    record "decant.jobs$j.total" "$run" "$(elapsed "$t0" "$t1")"
    python3 - "$RUN_DIR/decant.$j.$run.json" <<'PY' | while read -r k v; do record "decant.jobs$j.$k" "$run" "$v"; done
import json, sys
d = json.load(open(sys.argv[1]))
p = d["phases"]
print("seconds", "%.3f" % d["seconds"])
for k in ("load", "keys", "indexes", "foreignKeys"):
    print("work." + k, "%.3f" % p[k])
PY
    psql_db postgres -c "DROP DATABASE \"$db\"" >/dev/null
  done
  time_route psql binary_table "$run"
  time_route sqlite3 sqlite3_table "$run"
  if command -v pgloader >/dev/null; then
    db="${DB_PREFIX}_pgloader"
    fresh_db "$db"; settle
    t0=$(now)
    pgloader_route "$db"
    t1=$(now)
    record pgloader.total "$run" "$(elapsed "$t0" "$t1")"
    psql_db postgres -c "DROP DATABASE \"$db\"" >/dev/null
  fi
done

echo
echo "whole job: $ROWS readings rows (D1-style, orphans removed), $RUNS runs, medians in seconds (all runs in brackets)"
awk -F'\t' '{ print $1 }' "$RESULTS" | awk '!seen[$0]++' | while read -r m; do
  printf '  %-36s %10s   [%s]\n' "$m" "$(med "$m")" "$(all_runs "$m")"
done
echo
for j in $JOBS; do
  d=$(med "decant.jobs$j.total"); p=$(med psql.total); l=$(med pgloader.total); s3=$(med sqlite3.total)
  awk -v j="$j" -v d="$d" -v p="$p" -v l="$l" -v s3="$s3" 'BEGIN {
    printf "  --jobs %s: decant / psql route %.2fx (target <= 1.1), decant / sqlite3 route %.2fx", j, d / p, d / s3
    if (l != "") printf ", pgloader / decant %.2fx (target >= 3)", l / d
    printf "\n" }'
done
