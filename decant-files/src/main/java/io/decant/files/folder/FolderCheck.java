package io.decant.files.folder;

import io.decant.core.checksum.RowHasher;
import io.decant.core.checksum.TableChecksum;
import io.decant.core.error.DecantException;
import io.decant.core.schema.Column;
import io.decant.core.spi.RowStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves that an export folder is intact ({@code verify --from DIR}): per table, every file is
 * present with the manifest's size, SHA-256 and row count, and the content checksum recomputed
 * from the decoded rows equals the manifest's. Prints nothing; the result is for the CLI to render.
 * The checksum is recomputed even when a file's hash is already wrong, so the report says whether
 * the change touched the data or only the bytes (say, whitespace).
 */
public final class FolderCheck {
    private FolderCheck() {
    }

    /**
     * @param problems what is wrong, one sentence each, in file order; empty when the table is intact
     */
    public record TableResult(String table, boolean filesPresent, boolean sha256Ok, boolean rowCountOk,
                              boolean checksumRecorded, boolean checksumOk, long manifestRows, long actualRows,
                              String manifestChecksum, String actualChecksum, List<String> problems) {
        public TableResult {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return filesPresent && sha256Ok && rowCountOk && (checksumOk || !checksumRecorded);
        }
    }

    public record Result(Path dir, List<TableResult> tables) {
        public Result {
            tables = List.copyOf(tables);
        }

        public boolean ok() {
            return tables.stream().allMatch(TableResult::ok);
        }
    }

    /** Checks the folder; a missing or unreadable manifest is a {@link DecantException} (FILE_CORRUPT). */
    public static Result run(Path dir) {
        FolderSource source = FolderSource.open(dir);
        List<TableResult> out = new ArrayList<>();
        for (ManifestTable t : source.manifest().tables().values()) {
            out.add(check(source, t));
        }
        return new Result(dir, out);
    }

    private static TableResult check(FolderSource source, ManifestTable t) {
        List<String> problems = new ArrayList<>();
        boolean present = true;
        boolean sha = true;
        boolean rowsOk = true;
        long fileRows = 0;
        for (FileCheck f : source.verifyFiles(t)) {
            present &= f.present();
            sha &= f.sha256Ok();
            rowsOk &= f.rowsOk();
            fileRows += Math.max(f.rows(), 0);
            if (!f.ok()) {
                problems.add(f.file() + ": " + f.problem());
            }
        }
        if (present && rowsOk && fileRows != t.rowCount()) {
            rowsOk = false;
            problems.add("the files hold " + fileRows + " rows, the manifest's rowCount is " + t.rowCount());
        }
        String actual = null;
        long decoded = -1;
        if (present) {
            try {
                TableChecksum sum = checksum(source, t);
                actual = sum.hex();
                decoded = sum.rows();
            } catch (DecantException e) {
                problems.add("rows cannot be decoded: " + e.getMessage());
            }
        }
        boolean recorded = t.checksum() != null;
        boolean checksumOk = actual != null && (!recorded || actual.equals(t.checksum()));
        if (recorded && actual != null && !checksumOk) {
            problems.add("content checksum is " + actual + ", the manifest says " + t.checksum());
        }
        if (!recorded) {
            checksumOk = false;
        }
        return new TableResult(t.key(), present, sha, rowsOk, recorded, checksumOk, t.rowCount(),
                decoded >= 0 ? decoded : fileRows, t.checksum(), actual, problems);
    }

    private static TableChecksum checksum(FolderSource source, ManifestTable t) {
        List<Column> columns = t.fileColumns(); // the export's checksum is over the rows as written, computed columns not among them
        RowHasher hasher = new RowHasher(columns.stream().map(Column::type).toList());
        TableChecksum sum = new TableChecksum();
        long[] h = new long[2];
        // Hashes are already checked above; here only the values count.
        try (RowStream rows = source.stream(t, columns, false)) {
            Object[] row;
            while ((row = rows.next()) != null) {
                hasher.hash(row, h);
                sum.add(h);
            }
        }
        return sum;
    }
}
