#!/usr/bin/env bash
# Runs the runbook in README.md with its commands exactly as it shows them, in a scratch working
# folder, against three scratch databases that it creates and drops:
#   A  from app.db (sqlite:) into a schema made by --create-schema, then the restart with --truncate-first
#   B  from app.db into the app's own schema (schema.sql)
#   C  from the D1 backup JSON (d1backup:) with decant.backup.yaml
# Each ends with decant verify (and, for A and B, the seed's validation queries, validate.sql).
#
# Environment: DECANT_PG_URL, the PostgreSQL server without a database name (default
# postgres://postgres@127.0.0.1:5432); the user must be allowed to create databases. psql is needed.
# SIZE and SEED choose the generated data (default small 42). KEEP_WORK=1 keeps the working folder.
# Exits non-zero when any step fails, each verify included.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pg="${DECANT_PG_URL:-postgres://postgres@127.0.0.1:5432}"
pg="${pg%/}"

step() {
    echo >&2
    echo "== run.sh: $*" >&2
}

if ! command -v psql >/dev/null 2>&1; then
    echo "run.sh: psql is needed to create and drop the scratch databases" >&2
    exit 2
fi

# --- scratch folder and databases (run.sh only) --------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/decant-d1-example.XXXXXX")"
prefix="decant_ex_d1_$$"
databases=("${prefix}_a" "${prefix}_b" "${prefix}_c")
cleanup() {
    local status=$?
    for db in "${databases[@]}"; do
        psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 \
            || echo "run.sh: could not drop $db" >&2
    done
    if [ "${KEEP_WORK:-0}" = 1 ]; then
        echo "run.sh: kept $work" >&2
    else
        rm -rf "$work"
    fi
    if [ "$status" -ne 0 ]; then
        echo "run.sh: FAILED (exit $status)" >&2
    fi
}
trap cleanup EXIT
for db in "${databases[@]}"; do
    psql "$pg/postgres" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8'"
done

step "0. build decant (only when bin/decant has no jar yet)"
if [ ! -f "$root/decant-cli/target/decant.jar" ]; then
    (cd "$root" && ./mvnw -q -DskipTests package)
fi

# --- the runbook: Environment ---------------------------------------------------------------------
export DECANT="$root/bin/decant"
export EXAMPLE="$here"
cd "$work"

# --- Step 1: the source data ----------------------------------------------------------------------
step "1. sample source data: app.db and d1_backup.json"
"$EXAMPLE/generate.sh" "${SIZE:-small}" "${SEED:-42}"

# === A: from the SQLite file into a schema created by decant ======================================
export DATABASE_URL="$pg/${prefix}_a"

step "A2. check"
"$DECANT" check --from sqlite:app.db --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.yaml"

step "A3. plan"
"$DECANT" plan --from sqlite:app.db --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.yaml" --mapping id-mapping.json --create-schema

step "A4. migrate"
"$DECANT" migrate --from sqlite:app.db --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.yaml" --mapping id-mapping.json \
    --create-schema --audit migrate-audit.jsonl --output json > migrate-result.json

step "A5. read the orphans"
jq -r '.tables[] | "\(.status)  \(.target)  \(.rows) rows  \(.notes | join("; "))"' migrate-result.json
jq -r '.tables[].orphans[] | [.table, .key, .reference, .value, .action] | @tsv' migrate-result.json

step "A6. verify"
"$DECANT" verify --from sqlite:app.db --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.yaml" --mapping id-mapping.json \
    --report verification-report.json
jq -r '.integrity[] | [.status, .kind, .subject, .count] | @tsv' verification-report.json

step "A7. the seed's validation queries"
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f "$EXAMPLE/validate.sql"

step "A8. the id mapping"
"$DECANT" ids show --mapping id-mapping.json
"$DECANT" ids lookup --mapping id-mapping.json usr_00007

step "A9. restart: empty the tables and load again"
"$DECANT" migrate --from sqlite:app.db --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.yaml" --mapping id-mapping.json \
    --truncate-first --yes
"$DECANT" verify --from sqlite:app.db --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.yaml" --mapping id-mapping.json \
    --report verification-report.json

# === B: from the SQLite file into the app's own schema ===========================================
export DATABASE_URL="$pg/${prefix}_b"

step "B1. the app's schema"
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -f "$EXAMPLE/schema.sql"

step "B2. plan against the app's schema"
"$DECANT" plan --from sqlite:app.db --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.yaml" --mapping id-mapping.json

step "B3. migrate into it"
"$DECANT" migrate --from sqlite:app.db --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.yaml" --mapping id-mapping.json

step "B4. verify"
"$DECANT" verify --from sqlite:app.db --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.yaml" --mapping id-mapping.json \
    --report verification-report-app-schema.json
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f "$EXAMPLE/validate.sql"

# === C: from the D1 backup JSON ==================================================================
export DATABASE_URL="$pg/${prefix}_c"

step "C1. check the backup"
"$DECANT" check --from d1backup:d1_backup.json --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.backup.yaml"

step "C2. plan"
"$DECANT" plan --from d1backup:d1_backup.json --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.backup.yaml" --create-schema

step "C3. migrate"
"$DECANT" migrate --from d1backup:d1_backup.json --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.backup.yaml" --create-schema

step "C4. verify"
"$DECANT" verify --from d1backup:d1_backup.json --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.backup.yaml" \
    --report verification-report-backup.json

step "C5. what the backup path leaves to you: orphans (the seed's FK checks, on text ids)"
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -c "
SELECT 'accounts orphans' AS check_name, COUNT(*) FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = a.user_id)
UNION ALL
SELECT 'habit_logs orphans', COUNT(*) FROM habit_logs l WHERE NOT EXISTS (SELECT 1 FROM habits h WHERE h.id = l.habit_id)"

echo >&2
echo "run.sh: all steps passed (A: create-schema + restart, B: app schema, C: backup JSON)" >&2
