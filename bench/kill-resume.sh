#!/usr/bin/env bash
# Reliability run for issue 7: a SQLite -> PostgreSQL migration of the d1-to-postgres example with
# ROWS readings is killed (SIGKILL) at KILLS random moments, resumed each time with --resume, then
# verified row by row. Prints each kill's moment and the final verify result.
#
#   bench/kill-resume.sh [ROWS (default 5000000)] [KILLS (default 10)] [SEED (default 7)]
# Environment: DECANT_JAR (default decant-cli/target/decant.jar), PGHOST/PGPORT/PGUSER, KILL_MAX_MS (the
# latest kill moment, default 12000: kills land at random between 0.5 s and it).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-5000000}
kills=${2:-10}
seed=${3:-7}
jar=${DECANT_JAR:-$here/decant-cli/target/decant.jar}
host=${PGHOST:-127.0.0.1}; port=${PGPORT:-5432}; user=${PGUSER:-postgres}
work=$(mktemp -d /tmp/decant-kill.XXXXXX)
db="decant_kill_$$"
cleanup() { psql -h "$host" -p "$port" -U "$user" -qc "DROP DATABASE IF EXISTS $db" postgres >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
psql -h "$host" -p "$port" -U "$user" -qc "CREATE DATABASE $db" postgres
java -cp "$jar" io.decant.sqlite.demo.D1AppGenerator "$work/app.db" "$rows" "$seed" >/dev/null
url="postgres://$user@$host:$port/$db"
args=(migrate --from "sqlite:$work/app.db" --to "$url" --spec "$here/examples/d1-to-postgres/decant.yaml"
      --mapping "$work/map.json" --create-schema --jobs 2)
RANDOM=$seed
start=$(date +%s.%N)
for i in $(seq 1 "$kills"); do
  extra=(); [ "$i" -gt 1 ] && extra=(--resume)
  java -jar "$jar" "${args[@]}" "${extra[@]}" >"$work/run$i.log" 2>&1 &
  pid=$!
  delay=$(( (RANDOM * 32768 + RANDOM) % ${KILL_MAX_MS:-12000} + 500 ))
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"; wait "$pid" 2>/dev/null || true
    echo "run $i: killed after ${delay} ms ($(grep -c ' rows in ' "$work/run$i.log" || true) table(s) had finished in it)"
  else
    wait "$pid" || true
    echo "run $i: finished before the kill at ${delay} ms"
  fi
  # A resumed run says where it continued a table it found committed in part (chunks of --commit-every rows).
  grep -h "continuing after" "$work/run$i.log" | sed 's/^/    /' || true
done
java -jar "$jar" "${args[@]}" --resume >"$work/final.log" 2>&1 || { cat "$work/final.log"; exit 1; }
grep -h "continuing after" "$work/final.log" | sed 's/^/    /' || true
echo "final resume: $(grep -E '^total' "$work/final.log" || tail -1 "$work/final.log")"
java -jar "$jar" verify --from "sqlite:$work/app.db" --to "$url" --spec "$here/examples/d1-to-postgres/decant.yaml" \
  --mapping "$work/map.json" >"$work/verify.log" 2>&1 && status=0 || status=$?
grep -E "^(readings|users|accounts|habits|habit_logs|user_progress) |^integrity|^result" "$work/verify.log"
echo "verify exit $status; wall time $(echo "$(date +%s.%N) - $start" | bc) s"
exit "$status"
