package io.decant.cli.corpus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.List;

/** Export folders whose manifest lies about its files: decant must refuse to load them, naming what disagrees. */
final class ManifestCases {
    private ManifestCases() {
    }

    static List<Case> cases() {
        return List.of(
                Case.of("manifest/row-count-lies", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .manifest(m -> Folder.table(m, "notes").put("rowCount", 5))),
                        "notes", "the manifest's rowCount is 5"),
                Case.of("manifest/file-row-count-lies", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .manifest(m -> Folder.firstFile(m, "notes").put("rows", 5))),
                        "notes.jsonl", "holds 4 rows, the manifest says 5"),
                Case.of("manifest/sha256-lies", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .manifest(m -> Folder.firstFile(m, "notes").put("sha256", "0".repeat(64)))),
                        "notes.jsonl", "sha256"),
                Case.of("manifest/size-lies", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .manifest(m -> Folder.firstFile(m, "notes").put("bytes", 7))),
                        "notes.jsonl", "the manifest says 7"),
                Case.of("manifest/data-file-missing", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir()).delete("notes.jsonl")),
                        "notes.jsonl", "file is missing"),
                Case.of("manifest/file-name-with-dotdot", 3, c -> {
                    Folder f = c.fx().jsonlCopy(c.dir()).manifest(m -> Folder.firstFile(m, "notes").put("name", "../notes.jsonl"));
                    Files.copy(f.dir.resolve("notes.jsonl"), c.dir().resolve("notes.jsonl"));
                    return c.fx().importNotes(f);
                }, "../notes.jsonl", "is not a plain name inside the folder"),
                Case.of("manifest/absolute-file-name", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .manifest(m -> Folder.firstFile(m, "notes").put("name", "/etc/passwd"))),
                        "/etc/passwd", "is not a plain name inside the folder"),
                Case.of("manifest/not-json", 3, c -> {
                    Folder f = c.fx().jsonlCopy(c.dir());
                    Files.writeString(f.dir.resolve("manifest.json"), "{\n  \"tool\": \"decant\",\n  \"tables\": {\n");
                    return c.fx().importNotes(f);
                }, "manifest.json", "not valid JSON"),
                Case.of("manifest/unknown-logical-type", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .manifest(m -> ((ObjectNode) Folder.table(m, "notes").get("columns").get(3)).put("logicalType", "int33"))),
                        "manifest.json", "unknown logical type 'int33'"),
                Case.of("manifest/format-version-from-the-future", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .manifest(m -> m.put("formatVersion", 99))),
                        "manifest.json", "formatVersion 99"),
                Case.of("manifest/rows-but-no-files", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .manifest(m -> Folder.table(m, "notes").putArray("files"))),
                        "notes", "the files hold 0 rows, the manifest's rowCount is 4"),
                Case.of("manifest/missing", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir()).delete("manifest.json")),
                        "manifest.json"));
    }
}
