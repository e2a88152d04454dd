#!/usr/bin/env bash
# SQL scripts as a source: two ways for decant to read a `sqlite3 .dump` / `wrangler d1 export`
# file, on the same generated script, alternating, N times.
#
#   bench/sql-script.sh --old OLD.jar --new NEW.jar [--rows N] [--runs N]
#
# Each run exports the script to an export folder (`decant export --from d1sql:FILE`), which reads
# every row once; the baseline is `sqlite3 x.db < FILE` (SQLite running the script, no decant).
# Prints wall seconds, CPU seconds and peak RSS per run, and the size of the script. The old reader is
# any earlier decant jar (the streaming dump reader was removed in the commit that added this script).
set -euo pipefail

ROWS=1000000
RUNS=3
OLD=""
NEW=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --old) OLD=$2; shift 2 ;;
    --new) NEW=$2; shift 2 ;;
    -h|--help) sed -n 2,10p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f "$OLD" ] && [ -f "$NEW" ] || { echo "bench: --old and --new must name decant jars" >&2; exit 2; }
for tool in sqlite3 java; do command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }; done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is required (apt-get install time)" >&2; exit 2; }

dir=$(mktemp -d /tmp/decant-sqlbench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
script="$dir/dump.sql"

# A D1-style app table: integer key, text, a decimal, ISO timestamps, a flag, JSON; one INSERT per row.
sqlite3 "$dir/gen.db" <<SQL
CREATE TABLE users(id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name TEXT,
  balance NUMERIC(10,2), created_at TEXT, active INTEGER, meta TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO users(email, name, balance, created_at, active, meta)
SELECT 'user' || i || '@example.com', 'User ' || i || ' O''Neil', (i % 100000) / 100.0,
       strftime('%Y-%m-%dT%H:%M:%fZ', 1600000000 + i, 'unixepoch'), i % 2, '{"n":' || i || '}' FROM n;
SQL
sqlite3 "$dir/gen.db" .dump > "$script"
rm -f "$dir/gen.db"
printf 'script: %s rows, %s bytes\n' "$ROWS" "$(stat -c %s "$script")"

# run LABEL command...: prints LABEL, wall seconds, CPU seconds (user + system) and peak RSS
run() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M %U %S' -o "$dir/rss" "$@" > "$dir/out" 2> "$dir/err" || { cat "$dir/err" >&2; return 1; }
  t1=$(date +%s.%N)
  read -r rss user sys < "$dir/rss"
  awk -v l="$label" -v a="$t0" -v b="$t1" -v r="$rss" -v u="$user" -v s="$sys" \
    'BEGIN { printf "%-8s %7.2f s wall %7.2f s cpu %6.0f MB\n", l, b - a, u + s, r / 1024 }'
}

for i in $(seq 1 "$RUNS"); do
  echo "run $i"
  rm -rf "$dir/x.db" "$dir/out-old" "$dir/out-new"
  run sqlite3 sh -c "sqlite3 '$dir/x.db' < '$script'"
  run old java -jar "$OLD" export --from "d1sql:$script" --out "$dir/out-old"
  run new java -jar "$NEW" export --from "d1sql:$script" --out "$dir/out-new"
  cmp -s "$dir/out-old/users.jsonl" "$dir/out-new/users.jsonl" && echo "same users.jsonl" || echo "users.jsonl differs"
done
