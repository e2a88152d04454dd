package io.decant.core.workflow;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.decant.core.api.ReportMeta;
import io.decant.core.api.ResultJson;
import io.decant.core.util.OwnerOnlyFiles;
import io.decant.core.verify.VerifyReport;
import java.nio.file.Path;

/** Writes the verify report as JSON and HTML, owner-only (it may quote values), atomically and synced ({@link OwnerOnlyFiles}). */
public final class ReportFiles {
    private ReportFiles() {
    }

    public static Path htmlPath(Path json) {
        String name = json.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(base + ".html");
    }

    /** The report's JSON: what it was made with first, then the verify result's own fields, unchanged. */
    public record Document(@JsonUnwrapped ReportMeta meta, @JsonUnwrapped VerifyReport report) {
    }

    public static void write(Path json, VerifyReport report, ReportMeta meta) {
        writeOwnerOnly(json, ResultJson.write(new Document(meta, report)) + "\n");
        writeOwnerOnly(htmlPath(json), VerifyHtml.render(report, meta));
    }

    public static void writeOwnerOnly(Path file, String text) {
        OwnerOnlyFiles.writeString(file, text);
    }
}
