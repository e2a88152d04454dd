package io.decant.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.verify.VerifyReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the verify report as JSON and HTML, owner-only (it may quote values), atomically. */
final class ReportFiles {
    private ReportFiles() {
    }

    static Path htmlPath(Path json) {
        String name = json.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(base + ".html");
    }

    /** The report's JSON: what it was made with first, then the verify result's own fields, unchanged. */
    record Document(@JsonUnwrapped ReportMeta meta, @JsonUnwrapped VerifyReport report) {
    }

    static void write(Path json, VerifyReport report, ReportMeta meta) {
        writeOwnerOnly(json, Json.write(new Document(meta, report)) + "\n");
        writeOwnerOnly(htmlPath(json), VerifyHtml.render(report, meta));
    }

    static void writeOwnerOnly(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, "could not write " + file + ": " + e.getMessage());
        }
    }
}
