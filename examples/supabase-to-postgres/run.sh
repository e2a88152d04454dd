#!/usr/bin/env bash
# Runs the runbook in README.md with its commands exactly as it shows them, in a scratch working
# folder, against scratch databases that it creates and drops, with the auth provider's admin API
# played by AuthStandIn.java on 127.0.0.1 (started in the background, stopped at the end):
#   source   a Supabase-like database made by generate.sql (schemas public and auth)
#   target   the new database (target.sql): option A (--disable-fk), then the --truncate-first restart
#   target_b a second new database: option B (foreign keys checked)
# It ends with verify (checksums, --report), verify against the live source, and verify --from
# migration-data (the folder's self-check). Exits non-zero when any step fails.
#
# Environment: DECANT_PG_URL, the PostgreSQL server without a database name (default
# postgres://postgres@127.0.0.1:5432); the user must be allowed to create databases. psql and a JDK.
# KEEP_WORK=1 keeps the working folder.
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

# --- scratch folder, databases and auth stand-in (run.sh only) ------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/decant-supabase-example.XXXXXX")"
prefix="decant_ex_supa_$$"
databases=("${prefix}_src" "${prefix}_dst" "${prefix}_dst_b")
auth_pid=""
cleanup() {
    local status=$?
    if [ -n "$auth_pid" ]; then
        kill "$auth_pid" 2>/dev/null || true
        wait "$auth_pid" 2>/dev/null || true
    fi
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

cd "$work"

# The stand-in provider: a fresh secret key for this run (never printed), any free port.
STACK_AUTH_SECRET_KEY="sk_standin_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export STACK_AUTH_SECRET_KEY
export STACK_AUTH_PROJECT_ID="standin-project"
# The files exist before the background job opens them, so that the loop below can read them at once.
: > auth-standin.out
: > auth-standin.err
java "$here/AuthStandIn.java" > auth-standin.out 2> auth-standin.err &
auth_pid=$!
port=""
for _ in $(seq 1 120); do
    port="$(sed -n 's/^port=//p' auth-standin.out)"
    if [ -n "$port" ]; then
        break
    fi
    if ! kill -0 "$auth_pid" 2>/dev/null; then
        cat auth-standin.err >&2
        echo "run.sh: the auth stand-in did not start" >&2
        exit 4
    fi
    sleep 0.5
done
if [ -z "$port" ]; then
    echo "run.sh: the auth stand-in did not print its port" >&2
    exit 4
fi
echo "run.sh: auth stand-in on 127.0.0.1:$port (pid $auth_pid)" >&2
users_in_provider() {
    curl -sf "http://127.0.0.1:$port/api/v1/users/count" | sed -n 's/.*"users": \([0-9]*\).*/\1/p'
}

# --- the runbook: Environment ----------------------------------------------------------------------
export DECANT="$root/bin/decant"
export EXAMPLE="$here"
export SUPABASE_DB_URL="$pg/${prefix}_src"
export DATABASE_URL="$pg/${prefix}_dst"
export STACK_AUTH_API_URL="http://127.0.0.1:$port"

step "sample source and target schema (a real migration has both already)"
psql "$SUPABASE_DB_URL" -v ON_ERROR_STOP=1 -q -f "$EXAMPLE/generate.sql"
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -f "$EXAMPLE/target.sql"

step "1. pre-migration checks"
"$DECANT" check --from '${SUPABASE_DB_URL}' --schemas public,auth --to '${DATABASE_URL}' --spec "$EXAMPLE/decant.yaml"
"$DECANT" verify --from '${SUPABASE_DB_URL}' --schemas public,auth --to '${DATABASE_URL}' --exclude auth.users --skip-checksum \
    || echo "(expected before the import: the target is empty)"

step "2. export from Supabase"
"$DECANT" export --from '${SUPABASE_DB_URL}' --schemas public,auth --out migration-data --dry-run
"$DECANT" export --from '${SUPABASE_DB_URL}' --schemas public,auth --out migration-data
ls -la migration-data/
"$DECANT" verify --from migration-data
"$DECANT" export --from '${SUPABASE_DB_URL}' --schemas public,auth --out migration-data-json --format json
cat migration-data-json/metadata.json

step "3. create the users in the auth provider"
"$DECANT" ids build --from migration-data --spec "$EXAMPLE/decant.yaml" --mapping migration-data/user-mapping.json
"$DECANT" ids show --mapping migration-data/user-mapping.json
created="$(users_in_provider)"
"$DECANT" ids build --from migration-data --spec "$EXAMPLE/decant.yaml" --mapping migration-data/user-mapping.json
if [ "$(users_in_provider)" != "$created" ] || [ "$created" -ne 25 ]; then
    echo "run.sh: expected 25 users in the provider after two ids build runs, found $(users_in_provider)" >&2
    exit 1
fi

step "4. import: option A, foreign-key checks off"
"$DECANT" import --in migration-data --to '${DATABASE_URL}' --exclude auth.users --spec "$EXAMPLE/decant.yaml" \
    --mapping migration-data/user-mapping.json --dry-run
"$DECANT" import --in migration-data --to '${DATABASE_URL}' --exclude auth.users --spec "$EXAMPLE/decant.yaml" \
    --mapping migration-data/user-mapping.json --disable-fk --output json > import-result.json
jq -r '.tables[] | "\(.status)  \(.target)  \(.rows) rows  \(.notes | join("; "))"' import-result.json
jq -r '.tables[].orphans[] | [.reference, .value, .action] | @tsv' import-result.json | sort | uniq -c

step "5. verify"
"$DECANT" verify --from migration-data --to '${DATABASE_URL}' --exclude auth.users --spec "$EXAMPLE/decant.yaml" \
    --mapping migration-data/user-mapping.json --report migration-data/verification-report.json
jq -r '.tables[] | "\(.status)  \(.table)  \(.sourceRows) -> \(.targetRows)"' migration-data/verification-report.json
"$DECANT" verify --from '${SUPABASE_DB_URL}' --schemas public,auth --to '${DATABASE_URL}' --exclude auth.users \
    --spec "$EXAMPLE/decant.yaml" --mapping migration-data/user-mapping.json
"$DECANT" verify --from migration-data --to '${DATABASE_URL}' --exclude auth.users --spec "$EXAMPLE/decant.yaml" \
    --mapping migration-data/user-mapping.json --skip-checksum

step "4b. restart: empty the tables and import again"
"$DECANT" import --in migration-data --to '${DATABASE_URL}' --exclude auth.users --spec "$EXAMPLE/decant.yaml" \
    --mapping migration-data/user-mapping.json --truncate-first --yes
"$DECANT" verify --from migration-data --to '${DATABASE_URL}' --exclude auth.users --spec "$EXAMPLE/decant.yaml" \
    --mapping migration-data/user-mapping.json --report migration-data/verification-report.json

step "4c. import: option B, foreign-key checks on (into a second new database)"
export DATABASE_URL="$pg/${prefix}_dst_b"
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -f "$EXAMPLE/target.sql"
"$DECANT" import --in migration-data --to '${DATABASE_URL}' --exclude auth.users --spec "$EXAMPLE/decant.yaml" \
    --mapping migration-data/user-mapping.json
"$DECANT" verify --from migration-data --to '${DATABASE_URL}' --exclude auth.users --spec "$EXAMPLE/decant.yaml" \
    --mapping migration-data/user-mapping.json

step "6. mapping retention and support look-ups"
"$DECANT" ids show --mapping migration-data/user-mapping.json
"$DECANT" ids lookup --mapping migration-data/user-mapping.json zoë.müller@example.com
"$DECANT" ids lookup --mapping migration-data/user-mapping.json 00000000-0000-4000-8000-000000000003
if [ "$(users_in_provider)" -ne 25 ]; then
    echo "run.sh: the imports created users: $(users_in_provider) in the provider, expected 25" >&2
    exit 1
fi

step "self-check of the export folder"
"$DECANT" verify --from migration-data

echo >&2
echo "run.sh: all steps passed" >&2
