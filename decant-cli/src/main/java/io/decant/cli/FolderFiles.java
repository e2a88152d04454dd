package io.decant.cli;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.files.FileCheck;
import io.decant.files.FolderSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code import --dry-run}: every file of the folder present, of its size, sha256 and row count. */
final class FolderFiles {
    private FolderFiles() {
    }

    static void check(Path dir, PrintWriter err) {
        List<FileCheck> checks;
        try (FolderSource source = FolderSource.open(dir)) {
            checks = source.verifyFiles();
        }
        List<FileCheck> bad = checks.stream().filter(c -> !c.ok()).toList();
        err.println("files: " + (checks.size() - bad.size()) + " of " + checks.size() + " intact");
        if (!bad.isEmpty()) {
            FileCheck first = bad.get(0);
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(first.table())
                    .withLocation(first.file()), bad.size() + " file(s) disagree with manifest.json: "
                    + bad.stream().map(FolderFiles::describe).reduce((a, b) -> a + "; " + b).orElse(""));
        }
    }

    private static String describe(FileCheck c) {
        if (!c.present()) {
            return c.file() + " is missing";
        }
        if (!c.sizeOk()) {
            return c.file() + " has the wrong size";
        }
        if (!c.sha256Ok()) {
            return c.file() + " has the wrong sha256";
        }
        return c.file() + " has the wrong row count";
    }
}
