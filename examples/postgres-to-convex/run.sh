#!/usr/bin/env bash
# Runs the runbook in README.md, step by step with the commands exactly as it shows them, against a
# scratch database that it creates and drops: sample source, check, plan, migrate to
# convex:./convex-data, inspect, verify. The Convex import (./convex-data/import.sh) needs a Convex
# deployment and is not run here.
#
# Environment: PG_URL, the PostgreSQL server without a database name
# (default postgres://postgres@127.0.0.1:5432); the user must be allowed to create databases.
# Exits non-zero when any step fails, the final verify included.
set -euo pipefail
cd "$(dirname "$0")"

step() {
    echo
    echo "== run.sh: $*" >&2
}

# --- scratch database (run.sh only; in the runbook SOURCE_URL is the Supabase database) ----------
export PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
scratch="decant_permtracker_$$"
step "scratch database $scratch"
psql "$PG_URL/postgres" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $scratch"
cleanup() {
    psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $scratch" || echo "run.sh: could not drop $scratch" >&2
}
trap cleanup EXIT
export SOURCE_URL="$PG_URL/$scratch"

# --- the runbook --------------------------------------------------------------------------------
step "0. build decant (only when bin/decant has no jar yet)"
if [ ! -f ../../decant-cli/target/decant.jar ]; then
    (cd ../.. && ./mvnw -q -DskipTests package)
fi

step "1. sample source data (a real migration skips this step)"
psql "$SOURCE_URL" -v ON_ERROR_STOP=1 -q -f generate.sql

step "2. start from an empty output folder"
rm -rf ./convex-data

step "3. check"
../../bin/decant check --from '${SOURCE_URL}' --to convex:./convex-data --spec decant.yaml

step "4. plan"
../../bin/decant plan --from '${SOURCE_URL}' --to convex:./convex-data --spec decant.yaml --create-schema

step "5. migrate"
../../bin/decant migrate --from '${SOURCE_URL}' --to convex:./convex-data --spec decant.yaml --create-schema

step "6. inspect"
ls -l convex-data
head -n 1 convex-data/userProfiles.jsonl
bash -n convex-data/import.sh

step "7. verify"
../../bin/decant verify --from '${SOURCE_URL}' --to convex:./convex-data --spec decant.yaml --report verification-report.json

echo >&2
echo "run.sh: all steps passed; ./convex-data is ready for import.sh (see README step 8)" >&2
