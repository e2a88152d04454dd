#!/usr/bin/env bash
# Makes the sample source of this example in the current folder: app.db, a D1-style SQLite app
# database (what `wrangler d1 export` + sqlite3 give you for a real D1 database), and d1_backup.json,
# the same rows as the app's admin backup endpoint returns them ({table: [rows]}, seed 004 phase 2).
#
#   generate.sh [tiny|small|medium|large|READINGS_ROWS] [SEED]     (default: small 42)
#
# The same size and seed give the same content, byte for byte. Needs the decant jar (built by
# ./mvnw -q -DskipTests package at the repository root) and a JDK 17.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/decant-cli/target/decant.jar"
size="${1:-small}"
seed="${2:-42}"
if [ ! -f "$jar" ]; then
    echo "generate.sh: $jar is missing; build it first: (cd $root && ./mvnw -q -DskipTests package)" >&2
    exit 70
fi
java -cp "$jar" io.decant.sqlite.demo.D1AppGenerator app.db "$size" "$seed"
java -cp "$jar" "$here/ToBackupJson.java" app.db d1_backup.json
