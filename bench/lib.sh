# Functions for bench/run.sh (sourced; expects its variables).

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
wants() { case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

pg_url() { echo "postgres://$PGUSER@$PGHOST:$PGPORT/$1"; }
psql_db() { local db=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
# decant as users run it: bin/decant, with its JVM options, on $DECANT_JAR
decant() { DECANT_JAR="$DECANT_JAR" "$repo/bin/decant" "$@"; }

CREATED_DBS=()
fresh_db() {
  psql_db postgres -c "DROP DATABASE IF EXISTS \"$1\"" -c "CREATE DATABASE \"$1\"" 2>/dev/null
  case " ${CREATED_DBS[*]-} " in *" $1 "*) ;; *) CREATED_DBS+=("$1") ;; esac
}
# Flushes dirty buffers before each timed step, so that no step pays for its predecessor's checkpoint.
settle() { psql_db postgres -c "CHECKPOINT" >/dev/null; }

cleanup() {
  local db
  for db in "${CREATED_DBS[@]-}"; do
    [ -n "$db" ] && psql_db postgres -c "DROP DATABASE IF EXISTS \"$db\"" 2>/dev/null || true
  done
  if [ "$KEEP_DATA" = 1 ]; then
    log "kept $RUN_DIR (results.tsv) and the generated data in $BENCH_DIR"
  else
    # the generated SQLite files are kept for the next run (rm with --clean); the rest goes
    rm -rf "$RUN_DIR/readings.bin" "$RUN_DIR/readings.csv" "$RUN_DIR/export" "$RUN_DIR"/*.dump
    log "results: $RESULTS"
  fi
}

# record METRIC RUN VALUE
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$RESULTS"; }

# timed_decant METRIC RUN decant-args...: wall time and peak RSS of the decant JVM, and for
# migrate/import the seconds decant reports for its biggest table's load.
timed_decant() {
  local metric=$1 run=$2; shift 2
  local tf="$RUN_DIR/time.txt" err="$RUN_DIR/$metric.$run.err"
  if ! /usr/bin/time -f '%e %M' -o "$tf" env DECANT_JAR="$DECANT_JAR" "$repo/bin/decant" "$@" >"$RUN_DIR/$metric.$run.out" 2>"$err"; then
    # verify exits 1 when something differs: that is a benchmark failure too
    log "$metric failed (run $run):"; tail -20 "$err" >&2; tail -20 "$RUN_DIR/$metric.$run.out" >&2; exit 1
  fi
  read -r wall rss < <(tail -1 "$tf")
  record "$metric.total" "$run" "$wall"
  record "$metric.rss_mb" "$run" "$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')"
  local load
  load=$(sed -n 's/^readings: [0-9,]* rows in \([0-9.]*\) s.*/\1/p' "$err" | tail -1)
  [ -n "$load" ] && record "$metric.load" "$run" "$load"
  return 0
}

# timed METRIC RUN command...: wall time of a shell command.
timed() {
  local metric=$1 run=$2; shift 2
  local t0 t1
  t0=$(now)
  if ! "$@" >"$RUN_DIR/$metric.$run.out" 2>"$RUN_DIR/$metric.$run.err"; then
    log "$metric failed (run $run):"; tail -20 "$RUN_DIR/$metric.$run.err" >&2; exit 1
  fi
  t1=$(now)
  record "$metric" "$run" "$(elapsed "$t0" "$t1")"
}

# A baseline in three timed parts, as pg_restore splits it: table, data, then primary key and indexes.
# baseline NAME RUN DB command-for-the-data...
baseline() {
  local name=$1 run=$2 db=$3; shift 3
  fresh_db "$db"
  settle
  timed "$name.pre" "$run" psql_db "$db" -f "$RUN_DIR/pre.sql"
  timed "$name.load" "$run" "$@"
  timed "$name.index" "$run" psql_db "$db" -f "$RUN_DIR/post.sql"
  local pre load index
  pre=$(metric_value "$name.pre" "$run"); load=$(metric_value "$name.load" "$run"); index=$(metric_value "$name.index" "$run")
  record "$name.total" "$run" "$(awk -v a="$pre" -v b="$load" -v c="$index" 'BEGIN { printf "%.3f", a + b + c }')"
}
metric_value() { awk -F'\t' -v m="$1" -v r="$2" '$1 == m && $2 == r { v = $3 } END { print v }' "$RESULTS"; }

copy_from_file() { psql_db "$1" -c "\\copy readings FROM '$2' (FORMAT $3)"; }
pipe_copy() {
  psql_db "$SRC_DB" -c "COPY readings TO STDOUT (FORMAT binary)" | psql_db "$1" -c "COPY readings FROM STDIN (FORMAT binary)"
}
dump_restore() { pg_dump -a -Fc -t readings "$SRC_DB" | pg_restore -a -d "$1"; }

bench_sqlite_to_pg() {
  local run=$1
  fresh_db "$DST_DB"; settle
  timed_decant sqlite.decant "$run" migrate --from "sqlite:$SQLITE" --to "$(pg_url "$DST_DB")" --create-schema --tables readings
  baseline sqlite.copy_binary "$run" "$DST_DB" copy_from_file "$DST_DB" "$RUN_DIR/readings.bin" binary
  baseline sqlite.copy_csv "$run" "$DST_DB" copy_from_file "$DST_DB" "$RUN_DIR/readings.csv" csv
  if command -v pgloader >/dev/null; then
    fresh_db "$DST_DB"; settle
    cat > "$RUN_DIR/pgloader.load" <<EOF
LOAD DATABASE
  FROM sqlite://$SQLITE
  INTO postgresql://$PGUSER@$PGHOST:$PGPORT/$DST_DB
  WITH include drop, create tables, create indexes, reset sequences
  INCLUDING ONLY TABLE NAMES LIKE 'readings';
EOF
    timed sqlite.pgloader.total "$run" pgloader --quiet "$RUN_DIR/pgloader.load"
  fi
}

bench_pg_to_pg() {
  local run=$1
  fresh_db "$DST_DB"; settle
  timed_decant pg.decant "$run" migrate --from "$(pg_url "$SRC_DB")" --to "$(pg_url "$DST_DB")" --create-schema --tables readings
  # before/after: every value decoded and encoded again, as before rows passed through in binary COPY form
  fresh_db "$DST_DB"; settle
  timed_decant pg.decant_values "$run" migrate --from "$(pg_url "$SRC_DB")" --to "$(pg_url "$DST_DB")" --create-schema --tables readings \
    --no-pass-through
  baseline pg.pipe "$run" "$DST_DB" pipe_copy "$DST_DB"
  baseline pg.dump_restore "$run" "$DST_DB" dump_restore "$DST_DB"
}

bench_files() {
  local run=$1
  rm -rf "$RUN_DIR/export"
  timed_decant files.export "$run" export --from "$(pg_url "$SRC_DB")" --out "$RUN_DIR/export" --tables readings
  fresh_db "$DST_DB"; settle
  timed_decant files.import "$run" import --in "$RUN_DIR/export" --to "$(pg_url "$DST_DB")" --create-schema --tables readings
  rm -rf "$RUN_DIR/export"
}

bench_verify() {
  local run=$1
  timed_decant verify.sqlite_pg "$run" verify --from "sqlite:$SQLITE" --to "$(pg_url "$SRC_DB")" --tables readings
  timed_decant verify.pg_pg "$run" verify --from "$(pg_url "$SRC_DB")" --to "$(pg_url "$SRC_DB")" --tables readings
}

bench_memory() {
  local run=$1
  fresh_db "$DST_DB"; settle
  DECANT_JAVA_OPTS="${DECANT_JAVA_OPTS:-} -Xmx256m" \
    timed_decant memory.xmx256m "$run" migrate --from "sqlite:$SQLITE" --to "$(pg_url "$DST_DB")" --create-schema --tables readings
}

MANY_TABLES=200
MANY_ROWS=2000
prepare_many_tables() {
  MANY="$BENCH_DIR/many_${MANY_TABLES}x${MANY_ROWS}.db"
  [ -f "$MANY" ] && return 0
  log "generating $MANY"
  java -cp "$DECANT_JAR" "$here/GenTables.java" "$MANY.tmp" "$MANY_TABLES" "$MANY_ROWS"
  mv "$MANY.tmp" "$MANY"
}

# The most connections decant holds on the target at once, sampled every 100 ms while it runs.
watch_connections() {
  local db=$1 out=$2 max=0 n
  while :; do
    n=$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db' AND application_name = 'decant'" 2>/dev/null || echo 0)
    [ "$n" -gt "$max" ] 2>/dev/null && max=$n && echo "$max" > "$out"
    sleep 0.1
  done
}

bench_many_tables() {
  local run=$1 jobs watcher
  for jobs in 1 4; do
    fresh_db "$DST_DB"; settle
    echo 0 > "$RUN_DIR/conns"
    watch_connections "$DST_DB" "$RUN_DIR/conns" & watcher=$!
    timed_decant "tables.jobs$jobs" "$run" migrate --from "sqlite:$MANY" --to "$(pg_url "$DST_DB")" --create-schema --jobs "$jobs"
    kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null || true
    record "tables.jobs$jobs.max_connections" "$run" "$(cat "$RUN_DIR/conns")"
  done
}

machine_summary() {
  log "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
  log "cpu: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
  # bin/decant runs $JAVA_HOME/bin/java when JAVA_HOME is set, as here
  log "java (decant's): $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1); PostgreSQL: $(psql -X -At -d postgres -c 'SHOW server_version')"
  command -v pgloader >/dev/null && log "pgloader: $(pgloader --version 2>&1 | head -1)" || log "pgloader: not installed (skipped)"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med() { awk -F'\t' -v m="$1" '$1 == m { print $3 }' "$RESULTS" | median; }
all_runs() { awk -F'\t' -v m="$1" '$1 == m { printf "%s%s", sep, $3; sep = " " }' "$RESULTS"; }

# ratio LABEL NUMERATOR_METRIC DENOMINATOR_METRIC LIMIT le|ge
ratio() {
  local a b
  a=$(med "$2"); b=$(med "$3")
  [ -z "$a" ] || [ -z "$b" ] && return 0
  L="$1" awk -v a="$a" -v b="$b" -v lim="$4" -v op="$5" 'BEGIN {
    r = a / b; ok = (op == "le") ? (r <= lim) : (r >= lim)
    printf "  %-58s %7.2fx  target %s %sx  %s\n", ENVIRON["L"], r, (op == "le" ? "<=" : ">="), lim, ok ? "MET" : "MISSED" }'
}
# rate LABEL METRIC ROWS TARGET
rate() {
  local t
  t=$(med "$2"); [ -z "$t" ] && return 0
  awk -v l="$1" -v t="$t" -v n="$3" -v lim="$4" 'BEGIN {
    r = n / t; printf "  %-58s %9.0f rows/s  target >= %d  %s\n", l, r, lim, (r >= lim) ? "MET" : "MISSED" }'
}

report() {
  echo
  echo "decant benchmark: $ROWS rows (readings), $RUNS runs, medians in seconds (all runs in brackets)"
  echo
  awk -F'\t' '{ print $1 }' "$RESULTS" | awk '!seen[$0]++' | while read -r m; do
    printf '  %-40s %10s   [%s]\n' "$m" "$(med "$m")" "$(all_runs "$m")"
  done
  echo
  echo "targets (end to end: empty database to table with rows, primary key and index):"
  ratio "SQLite->PG: decant / psql \\copy binary" sqlite.decant.total sqlite.copy_binary.total 2.0 le
  ratio "SQLite->PG: decant / psql \\copy csv" sqlite.decant.total sqlite.copy_csv.total 2.0 le
  ratio "SQLite->PG: pgloader / decant" sqlite.pgloader.total sqlite.decant.total 5 ge
  ratio "PG->PG: decant / psql COPY TO | COPY FROM pipe" pg.decant.total pg.pipe.total 1.3 le
  ratio "PG->PG: decant / pg_dump -a | pg_restore -a" pg.decant.total pg.dump_restore.total 1.0 le
  rate "export (PG -> JSONL folder)" files.export.total "$ROWS" 500000
  rate "import (JSONL folder -> PG)" files.import.total "$ROWS" 500000
  rate "verify with checksums, SQLite vs PG, per side" verify.sqlite_pg.total "$ROWS" 1000000
  rate "verify with checksums, PG vs PG, per side" verify.pg_pg.total "$ROWS" 1000000
  echo
  echo "rows/s of the table phase alone (decant's own seconds for the table, without JVM start and planning):"
  rate "export (PG -> JSONL folder), table phase" files.export.load "$ROWS" 500000
  rate "import (JSONL folder -> PG), table phase" files.import.load "$ROWS" 500000
  echo
  echo "data phase only (decant's own load seconds vs the baseline's COPY):"
  ratio "SQLite->PG load: decant / psql \\copy binary" sqlite.decant.load sqlite.copy_binary.load 2.0 le
  ratio "PG->PG load: decant / pipe" pg.decant.load pg.pipe.load 1.3 le
  ratio "PG->PG load: values decoded and encoded / passed through (before/after)" pg.decant_values.load pg.decant.load 1.0 ge
  echo
  echo "memory: peak RSS (MB) SQLite->PG default heap $(med sqlite.decant.rss_mb), -Xmx256m $(med memory.xmx256m.rss_mb)" \
       "($(med memory.xmx256m.total) s); PG->PG $(med pg.decant.rss_mb)"
  if [ -n "$(med tables.jobs1.total)" ]; then
    echo "many tables: $MANY_TABLES x $MANY_ROWS rows: --jobs 1 $(med tables.jobs1.total) s, --jobs 4 $(med tables.jobs4.total) s;" \
         "most connections on the target at once: jobs 1 $(med tables.jobs1.max_connections), jobs 4 $(med tables.jobs4.max_connections)"
  fi
}
