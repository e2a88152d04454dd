package io.decant.cli;

import io.decant.core.util.OwnerOnlyFiles;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.decant.core.verify.VerifyReport;
import java.nio.file.Path;

/** Writes the verify report as JSON and HTML, owner-only (it may quote values), atomically and synced ({@link OwnerOnlyFiles}). */
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
        OwnerOnlyFiles.writeString(file, text);
    }
}
