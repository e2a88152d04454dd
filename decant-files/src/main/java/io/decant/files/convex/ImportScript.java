package io.decant.files.convex;

import io.decant.core.schema.LoadOrder;
import io.decant.core.schema.Table;
import io.decant.files.folder.FileNames;
import io.decant.files.folder.Manifest;
import io.decant.files.folder.ManifestTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * import.sh of a folder for Convex: one {@code npx convex import} per data file, in load order
 * (parents before children by the source's foreign keys), then a document count per table against
 * the rows decant wrote. Rendered from the manifest, and rewritten with it after every committed
 * table, so the script always describes exactly the files the manifest lists.
 *
 * <p>Why these flags: {@code --replace} makes a rerun give the same documents instead of a second
 * copy ({@code --append} would duplicate every document); {@code -y} answers the confirmation a
 * replace asks before it deletes documents, which would otherwise stop an unattended run; the
 * parts after the first of a split table use {@code --append} because {@code --replace} would
 * delete the parts before. {@code --format jsonLines} is stated so that nothing depends on the
 * file extension.
 *
 * <p>The count uses {@code npx convex data TABLE --limit N+1 --format jsonl} (convex >= 1.28) and
 * counts the documents listed: it proves that N documents are there and no more, not what is in
 * them; the script says so in its comments. Everything interpolated into the script is either a
 * checked Convex identifier, a number, a file name made of safe characters ({@link FileNames}),
 * or comment text with control characters removed, so no table name can inject shell code.
 */
public final class ImportScript {
    public static final String FILE_NAME = "import.sh";

    private ImportScript() {
    }

    public static String render(Manifest m) {
        List<ManifestTable> tables = loadOrder(m);
        StringBuilder sb = new StringBuilder(4096);
        sb.append(HEADER
                .replace("@VERSION@", comment(m.version()))
                .replace("@EXPORTED_AT@", comment(m.exportedAt()))
                .replace("@SOURCE@", comment(m.source() == null || m.source().isEmpty() ? "(not recorded)" : m.source()))
                .replace("@NULLS@", m.convex().omitNulls() ? "NULL fields are left out (v.optional)"
                        : "NULL fields are written as null (v.null())"));
        sb.append("# Load order (parents before children, by the source's foreign keys): ")
                .append(tables.isEmpty() ? "no tables" : String.join(", ", tables.stream().map(t -> t.id().name()).toList()))
                .append('\n');
        for (ManifestTable t : tables) {
            String name = t.id().name();
            if (t.rowCount() <= 0) {
                sb.append("echo \"import.sh: ").append(name)
                        .append(": no rows, nothing to import (a table of that name in the deployment is left as it is)\" >&2\n");
                continue;
            }
            for (int i = 0; i < t.files().size(); i++) {
                sb.append("import_file ").append(name).append(" '").append(t.files().get(i).name()).append("' ")
                        .append(i == 0 ? "--replace" : "--append").append('\n');
            }
        }
        sb.append('\n');
        for (ManifestTable t : tables) {
            if (t.rowCount() <= 0) {
                continue;  // never imported, so there is nothing of this run to count
            }
            sb.append("check_count ").append(t.id().name()).append(' ').append(t.rowCount()).append('\n');
        }
        long imported = tables.stream().filter(t -> t.rowCount() > 0).count();
        sb.append(FOOTER.replace("@TABLES@", Long.toString(imported)));
        return sb.toString();
    }

    /** The tables that have been written, parents first; ties by name, so the script is the same on every run. */
    static List<ManifestTable> loadOrder(Manifest m) {
        Map<String, ManifestTable> byKey = new HashMap<>();
        List<Table> written = new ArrayList<>();
        for (ManifestTable t : m.tables().values()) {
            if (!t.files().isEmpty()) {
                byKey.put(t.key(), t);
                written.add(t.toTable());
            }
        }
        return LoadOrder.of(written).tables().stream().map(t -> byKey.get(t.id().display())).toList();
    }

    /** Text for a comment line: control characters (a newline would end the comment) become '?'. */
    static String comment(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }

    // The header is plain text so that a reader of this class sees the script as it is written.
    private static final String HEADER = """
            #!/usr/bin/env bash
            # Imports the tables of this folder into a Convex deployment, parents first, then counts them.
            # Written by decant @VERSION@ at @EXPORTED_AT@ from @SOURCE@.
            # decant rewrites this file with manifest.json: change the spec, not this file.
            #
            # Run it from the Convex project's folder (where `npx convex dev` runs), so that the Convex CLI
            # finds the deployment, or name that folder in CONVEX_PROJECT_DIR. Arguments go to every
            # Convex CLI call as the deployment to use:
            #   ./convex-data/import.sh                              the dev deployment
            #   ./convex-data/import.sh --prod                       production
            #   ./convex-data/import.sh --deployment-name NAME       any deployment option of the Convex CLI
            # Needs Node.js and the convex package >= 1.28 (for `convex data --format jsonl`).
            # CONVEX_CLI replaces the command (default: npx convex). SKIP_COUNT=1 skips the counts.
            #
            # Rerunnable: each table is imported with --replace, which deletes the table's documents and
            # inserts the file's, so a rerun gives the same documents again (--append would duplicate every
            # document). -y answers the confirmation prompt a replace asks before deleting documents. The
            # parts after the first of a table split into several files are added with --append. A rerun
            # gives the documents new _id values: whatever stored the old ones (a userId resolved from
            # legacyUserId) must be resolved again. A table with no rows is neither imported nor counted.
            # Values: @NULLS@; epoch-ms and cents are numbers, dates ISO strings, decimals strings.
            #
            # What the count checks: `convex data TABLE --limit N+1 --format jsonl` lists up to N+1
            # documents, and their number must be the N rows decant wrote. That proves every document
            # arrived and none is left over from before. It does not compare contents: `decant verify`
            # compared these files with the source before this script ran. It pages through the whole
            # table, which takes a while for large tables.
            set -euo pipefail

            here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
            if [ -n "${CONVEX_PROJECT_DIR:-}" ]; then
                cd "$CONVEX_PROJECT_DIR"
            fi
            read -r -a convex <<< "${CONVEX_CLI:-npx convex}"
            deployment=("$@")
            scratch="$(mktemp -d)"
            trap 'rm -rf "$scratch"' EXIT
            failed=0

            # import_file TABLE FILE --replace|--append
            import_file() {
                echo "import.sh: $1 <- $2 ($3)" >&2
                "${convex[@]}" import --table "$1" --format jsonLines "$3" -y ${deployment[@]+"${deployment[@]}"} "$here/$2"
            }

            # check_count TABLE EXPECTED
            check_count() {
                local actual
                if [ "${SKIP_COUNT:-0}" = 1 ]; then
                    echo "import.sh: $1: count skipped (SKIP_COUNT=1); expected $2 documents" >&2
                    return 0
                fi
                "${convex[@]}" data "$1" --limit "$(($2 + 1))" --format jsonl ${deployment[@]+"${deployment[@]}"} > "$scratch/$1"
                actual="$(grep -c '^{' "$scratch/$1" || true)"
                if [ "$actual" -eq "$2" ]; then
                    echo "import.sh: $1: $actual documents, as expected" >&2
                else
                    echo "import.sh: $1: $actual documents listed (asked for up to $(($2 + 1))), expected $2" >&2
                    failed=$((failed + 1))
                fi
            }

            """;

    private static final String FOOTER = """

            if [ "$failed" -ne 0 ]; then
                echo "import.sh: $failed of @TABLES@ tables do not hold the expected number of documents" >&2
                exit 1
            fi
            echo "import.sh: @TABLES@ tables imported and counted" >&2
            """;
}
