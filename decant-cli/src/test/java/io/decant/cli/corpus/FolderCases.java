package io.decant.cli.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.testkit.PgServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Export folders whose data files are cut off or malformed. Each file is edited and the manifest
 * resealed (its size and SHA-256 updated), so that decant must find the fault in the content itself
 * and name the file, the line and the rule. The target is a fresh copy of the narrow database; only notes is
 * imported, into a table that already holds a row of its own.
 */
final class FolderCases {
    private FolderCases() {
    }

    static final String L1 = "{\"id\":10,\"account_id\":1,\"body\":\"hello\"";
    static final String L3 = "{\"id\":12,";

    static List<Case> cases() {
        return List.of(
                Case.of("jsonl/cut-mid-line", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .text("notes.jsonl", s -> s.substring(0, s.indexOf("\"body\":\"last\"") + 10))),
                        "notes.jsonl line 4", "cut off"),
                Case.of("jsonl/cut-mid-line-manifest-not-resealed", 3, c -> {
                    Folder f = c.fx().jsonlCopy(c.dir()).bytes("notes.jsonl", b -> Arrays.copyOf(b, b.length - 30), false);
                    return c.fx().importNotes(f);
                }, "notes.jsonl", "the manifest says"),
                Case.of("jsonl/bad-escape", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replace("notes.jsonl", "\"hello\"", "\"hel\\qlo\"")),
                        "notes.jsonl line 1", "invalid JSON"),
                Case.of("jsonl/text-for-int-column", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replace("notes.jsonl", "\"qty\":2", "\"qty\":\"two\"")),
                        "notes.jsonl line 2", "qty"),
                Case.of("jsonl/boolean-for-key-column", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replace("notes.jsonl", "\"id\":13", "\"id\":true")),
                        "notes.jsonl line 4", "id"),
                Case.of("jsonl/object-for-text-column", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replace("notes.jsonl", "\"body\":\"last\"", "\"body\":{\"a\":1}")),
                        "notes.jsonl line 4", "body"),
                Case.of("jsonl/missing-key", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replace("notes.jsonl", "\"code\":\"x\",", "")),
                        "notes.jsonl line 2", "key \"code\" is missing"),
                Case.of("jsonl/unknown-key", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replace("notes.jsonl", "\"qty\":3,", "\"qty\":3,\"colour\":\"red\",")),
                        "notes.jsonl line 3", "unknown key \"colour\""),
                Case.of("jsonl/duplicate-key", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replace("notes.jsonl", "\"qty\":1,", "\"qty\":1,\"qty\":5,")),
                        "notes.jsonl line 1", "appears twice"),
                Case.of("jsonl/empty-line-in-the-middle", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replace("notes.jsonl", "\n" + L3, "\n\n" + L3)),
                        "notes.jsonl line 3", "empty line"),
                Case.of("jsonl/invalid-utf8", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replaceBytes("notes.jsonl", "hello", new byte[] {'h', (byte) 0xC3, (byte) 0x28, 'l', 'o'})),
                        "notes.jsonl line 1", "invalid UTF-8"),
                Case.of("jsonl/raw-nul-byte", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replaceBytes("notes.jsonl", "last", new byte[] {'l', 'a', 0, 't'})),
                        "notes.jsonl line 4", "invalid JSON"),
                Case.of("jsonl/bom-in-the-middle", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replaceBytes("notes.jsonl", L3, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, L3))),
                        "notes.jsonl line 3"),
                Case.of("jsonl/array-instead-of-object", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .text("notes.jsonl", s -> s.replaceFirst("(?m)^\\{\"id\":11,.*$", "[11,1]"))),
                        "notes.jsonl line 2", "expected a JSON object"),
                Case.of("jsonl/two-objects-on-one-line", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .text("notes.jsonl", s -> s.replaceFirst("\n", " "))),
                        "notes.jsonl line 1", "more than one JSON value"),
                Case.of("jsonl/key-beyond-int32", 3, c -> c.fx().importNotes(c.fx().jsonlCopy(c.dir())
                                .replace("notes.jsonl", "\"id\":13", "\"id\":99999999999")),
                        "notes.jsonl line 4", "id"),
                Case.of("jsonl/bom-at-start-is-allowed", 0, c -> {
                    Folder f = c.fx().jsonlCopy(c.dir()).bytes("notes.jsonl",
                            b -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new String(b, StandardCharsets.UTF_8)), true);
                    PgServer.TestDb db = c.fx().freshPg("bom", null);
                    c.bag().put("db", db);
                    return Case.Invocation.of(Guard.NONE, "import", "--in", f.toString(), "--to", c.fx().url(db), "--create-schema",
                            "--output", "json", "--tables", "accounts,notes");
                }).then((c, r) -> assertEquals("4", Fixtures.one((PgServer.TestDb) c.bag().get("db"), "SELECT count(*) FROM notes"))),
                Case.of("json/cut-off", 3, c -> c.fx().importNotes(c.fx().jsonCopy(c.dir())
                                .text("notes.json", s -> s.substring(0, s.indexOf("\"body\":\"last\"") + 10))),
                        "notes.json", "cut off"),
                Case.of("json/element-not-an-object", 3, c -> c.fx().importNotes(c.fx().jsonCopy(c.dir())
                                .text("notes.json", s -> s.replaceFirst("\\[\n", "[\n42,\n"))),
                        "notes.json line 2"),
                Case.of("json/text-after-the-array", 3, c -> c.fx().importNotes(c.fx().jsonCopy(c.dir())
                                .text("notes.json", s -> s + "{\"id\":14}\n")),
                        "notes.json line 7"),
                Case.of("json/trailing-comma", 3, c -> c.fx().importNotes(c.fx().jsonCopy(c.dir())
                                .text("notes.json", s -> s.replaceFirst("\\}\n\\]", "},\n]"))),
                        "notes.json line 6"),
                Case.of("json/invalid-utf8", 3, c -> c.fx().importNotes(c.fx().jsonCopy(c.dir())
                                .replaceBytes("notes.json", "last", new byte[] {'l', (byte) 0xFF, 's', 't'})),
                        "notes.json line 5", "UTF-8"));
    }

    static byte[] concat(byte[] a, String b) {
        byte[] bb = b.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(a, a.length + bb.length);
        System.arraycopy(bb, 0, out, a.length, bb.length);
        return out;
    }
}
