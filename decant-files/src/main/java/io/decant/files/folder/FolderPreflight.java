package io.decant.files.folder;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a run checks of an export folder before it loads (or creates) anything: every file of the
 * selected tables present and of the size its manifest records, which reads nothing; with {@code full}
 * (import's {@code --verify-files}, or a dry run) also its SHA-256 and row count, which reads every
 * byte once. A folder cut off after the export is so refused before the first table, not after three
 * were committed.
 */
final class FolderPreflight {
    private FolderPreflight() {
    }

    static void check(FolderSource source, Predicate<String> selected, boolean full, Consumer<String> messages) {
        List<FileCheck> checks = source.checkFiles(selected, full);
        long unknownSize = source.manifest().tables().values().stream().filter(t -> selected.test(t.key()))
                .map(ManifestTable::files).flatMap(List::stream).filter(f -> !f.sizeKnown()).count();
        List<FileCheck> bad = checks.stream().filter(c -> !c.ok()).toList();
        messages.accept("files: " + (checks.size() - bad.size()) + " of " + checks.size() + " intact ("
                + (full ? "size, sha256 and rows" : "present and of their size; --verify-files checks sha256 too") + ")");
        if (unknownSize > 0) {
            messages.accept("files: the size of " + unknownSize + " file(s) cannot be checked: manifest.json does not record"
                    + " it (written by an older decant)" + (full ? "" : "; --verify-files checks their sha256 before loading"));
        }
        if (!bad.isEmpty()) {
            FileCheck first = bad.get(0);
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(first.table())
                    .withLocation(first.file()), bad.size() + " file(s) disagree with manifest.json: "
                    + bad.stream().map(c -> c.file() + ": " + c.problem()).reduce((a, b) -> a + "; " + b).orElse("")
                    + ". Nothing was loaded: export the folder again, or copy it again whole");
        }
    }
}
