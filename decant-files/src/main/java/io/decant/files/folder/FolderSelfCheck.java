package io.decant.files.folder;

import io.decant.core.verify.Status;
import io.decant.core.verify.TableCheck;
import io.decant.core.verify.VerifyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code verify --from DIR} alone ({@link FilesDialect#verifyAlone}): an export folder proves its own files against its manifest. */
public final class FolderSelfCheck {
    private FolderSelfCheck() {
    }

    public static VerifyReport run(Path dir) {
        long start = System.nanoTime();
        FolderCheck.Result r = FolderCheck.run(dir);
        List<TableCheck> tables = new ArrayList<>();
        Status overall = Status.PASS;
        for (FolderCheck.TableResult t : r.tables()) {
            Status count = t.rowCountOk() && t.filesPresent() ? Status.PASS : Status.FAIL;
            Status sum = !t.checksumRecorded() ? Status.WARN : t.checksumOk() && t.sha256Ok() ? Status.PASS : Status.FAIL;
            List<String> notes = new ArrayList<>(t.problems());
            if (!t.checksumRecorded()) {
                notes.add("the manifest records no content checksum for this table; files and counts were checked");
            }
            Status status = count.worst(sum);
            overall = overall.worst(status);
            tables.add(new TableCheck(t.table(), t.table(), status, t.manifestRows(), t.actualRows(), count, sum,
                    t.manifestChecksum(), t.actualChecksum(), 0, List.of(), notes));
        }
        return new VerifyReport("manifest.json", dir.toString(), overall, true, tables, List.of(),
                (System.nanoTime() - start) / 1e9);
    }
}
