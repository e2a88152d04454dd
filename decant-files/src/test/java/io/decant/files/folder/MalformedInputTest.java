package io.decant.files.folder;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import io.decant.files.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;


/** Every way a data file can be wrong, with the exact message a user sees. */
class MalformedInputTest {
    @TempDir
    Path tmp;
    Path dir;

    static final Table PEOPLE = Fixtures.table("people",
            Column.of("id", LogicalType.INT32), Column.of("name", LogicalType.TEXT), Column.of("born", LogicalType.DATE),
            Column.of("password", LogicalType.TEXT));

    @BeforeEach
    void export() {
        dir = tmp.resolve("export");
        Fixtures.export(dir, PEOPLE, List.of(
                new Object[] {1, "a", LocalDate.of(2000, 1, 1), "pw-one"},
                new Object[] {2, "b", LocalDate.of(2000, 1, 2), "pw-two"},
                new Object[] {3, "c", LocalDate.of(2000, 1, 3), "pw-three"}));
    }

    /** Replaces the data file and makes the manifest agree with it, so that only the line-level check can object. */
    private void replaceConsistently(byte[] content) throws Exception {
        Files.write(dir.resolve("people.jsonl"), content);
        Manifest m = ManifestCodec.read(dir);
        ManifestTable t = m.tables().get("people");
        long rows = new String(content, StandardCharsets.ISO_8859_1).lines().filter(l -> !l.isBlank()).count();
        ManifestFile f = new ManifestFile("people.jsonl", rows, sha(content), content.length);
        m = m.withTable(t.written(t.columns(), rows, List.of(f), t.checksum(), true));
        Files.write(dir.resolve("manifest.json"), ManifestCodec.write(m));
    }

    private void replaceConsistently(String content) throws Exception {
        replaceConsistently(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static final String ROW1 = "{\"id\":1,\"name\":\"a\",\"born\":\"2000-01-01\",\"password\":\"pw-one\"}\n";
    private static final String ROW3 = "{\"id\":3,\"name\":\"c\",\"born\":\"2000-01-03\",\"password\":\"pw-three\"}\n";

    private String failure(List<Object[]> handedOut) {
        DecantException e = assertThrows(DecantException.class, () -> {
            try (SourceDatabase source = Fixtures.DIALECT.openSource("dir:" + dir, OpenOptions.DEFAULT);
                 RowStream rows = source.read(PEOPLE, PEOPLE.columns())) {
                Object[] row;
                while ((row = rows.next()) != null) {
                    handedOut.add(row);
                }
            }
        });
        return e.getMessage();
    }

    private String failure() {
        return failure(new ArrayList<>());
    }

    @Test
    void theExportItselfReadsBack() throws Exception {
        assertEquals(ROW1, Files.readAllLines(dir.resolve("people.jsonl")).get(0) + "\n");
        assertEquals(3, Fixtures.readAll("dir:" + dir, "people").size());
    }

    @Test
    void truncatedLine() throws Exception {
        replaceConsistently(ROW1 + "{\"id\":2,\"name\":\"b\",\"born\":\"2000-01-0");
        assertEquals("[FILE_CORRUPT] people (people.jsonl line 2, row 2): line ends inside a JSON value (cut off?)", failure());
    }

    @Test
    void invalidUtf8IsReportedNotReplaced() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ROW1.getBytes(StandardCharsets.UTF_8));
        b.writeBytes("{\"id\":2,\"name\":\"".getBytes(StandardCharsets.UTF_8));
        b.write(0xC3);
        b.write(0x28);
        b.writeBytes("\",\"born\":\"2000-01-02\",\"password\":null}\n".getBytes(StandardCharsets.UTF_8));
        replaceConsistently(b.toByteArray());
        assertEquals("[FILE_CORRUPT] people (people.jsonl line 2, row 2): invalid UTF-8: malformed sequence of 1 byte "
                + "at byte 17 of the line", failure());
    }

    @Test
    void overlongUtf8IsRejected() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"id\":1,\"name\":\"".getBytes(StandardCharsets.UTF_8));
        b.write(0xC0);
        b.write(0xAF);  // an overlong '/', which lenient decoders accept
        b.writeBytes("\",\"born\":null,\"password\":null}\n".getBytes(StandardCharsets.UTF_8));
        replaceConsistently(b.toByteArray());
        assertEquals("[FILE_CORRUPT] people (people.jsonl line 1, row 1): invalid UTF-8: malformed sequence of 1 byte "
                + "at byte 17 of the line", failure());
    }

    @Test
    void valueOfTheWrongJsonType() throws Exception {
        replaceConsistently(ROW1 + "{\"id\":\"2\",\"name\":\"b\",\"born\":\"2000-01-02\",\"password\":null}\n");
        assertEquals("[VALUE_INVALID] people.id (people.jsonl line 2, row 2): expected an integer for int32, got a string "
                + "(value '2')", failure());
    }

    @Test
    void valueThatDoesNotParse() throws Exception {
        replaceConsistently("{\"id\":1,\"name\":\"a\",\"born\":\"2000-02-30\",\"password\":null}\n");
        assertEquals("[VALUE_INVALID] people.born (people.jsonl line 1, row 1): not a date (value '2000-02-30') "
                + "[rule: date: ISO 8601 YYYY-MM-DD]", failure());
    }

    @Test
    void integerOutOfRange() throws Exception {
        replaceConsistently("{\"id\":2147483648,\"name\":\"a\",\"born\":null,\"password\":null}\n");
        assertEquals("[VALUE_OUT_OF_RANGE] people.id (people.jsonl line 1, row 1): integer does not fit int32 "
                + "(value '2147483648')", failure());
    }

    @Test
    void secretValuesAreNotPreviewed() throws Exception {
        replaceConsistently("{\"id\":1,\"name\":\"a\",\"born\":null,\"password\":12345}\n");
        assertEquals("[VALUE_INVALID] people.password (people.jsonl line 1, row 1): expected a string for text, got an integer "
                + "(value '<secret>')", failure());
    }

    @Test
    void unknownKey() throws Exception {
        replaceConsistently("{\"id\":1,\"name\":\"a\",\"nick\":\"x\",\"born\":null,\"password\":null}\n");
        assertEquals("[FILE_CORRUPT] people.nick (people.jsonl line 1, row 1): unknown key \"nick\"; the table's columns are "
                + "id, name, born, password", failure());
    }

    @Test
    void missingKeyIsNotNull() throws Exception {
        replaceConsistently(ROW1 + "{\"id\":2,\"name\":\"b\",\"password\":null}\n");
        assertEquals("[FILE_CORRUPT] people.born (people.jsonl line 2, row 2): key \"born\" is missing (a NULL is written as null)",
                failure());
    }

    @Test
    void duplicateKey() throws Exception {
        replaceConsistently("{\"id\":1,\"name\":\"a\",\"name\":\"b\",\"born\":null,\"password\":null}\n");
        assertEquals("[FILE_CORRUPT] people.name (people.jsonl line 1, row 1): key \"name\" appears twice in the row", failure());
    }

    @Test
    void notAnObject() throws Exception {
        replaceConsistently(ROW1 + "[1,\"b\",null,null]\n");
        assertEquals("[FILE_CORRUPT] people (people.jsonl line 2, row 2): expected a JSON object, got an array", failure());
    }

    @Test
    void twoObjectsOnOneLine() throws Exception {
        replaceConsistently(ROW1.strip() + ROW3);
        assertEquals("[FILE_CORRUPT] people (people.jsonl line 1, row 1): more than one JSON value on the line, at character 60",
                failure());
    }

    @Test
    void invalidJsonHidesTheTextOfATableWithSecrets() throws Exception {
        replaceConsistently("{\"id\":1,\"name\":\"a\",\"born\":null,\"password\":hunter2}\n");
        assertEquals("[FILE_CORRUPT] people (people.jsonl line 1, row 1): invalid JSON at character 43", failure());
    }

    @Test
    void emptyLineInTheMiddleFailsButAtTheEndIsFine() throws Exception {
        replaceConsistently(ROW1 + "\n" + ROW3);
        assertEquals("[FILE_CORRUPT] people (people.jsonl line 2, row 2): empty line in the middle of the file", failure());
        replaceConsistently(ROW1 + ROW3 + "\n  \n");
        assertEquals(2, Fixtures.readAll("dir:" + dir, "people").size());
    }

    @Test
    void missingFile() throws Exception {
        Files.delete(dir.resolve("people.jsonl"));
        assertEquals("[FILE_CORRUPT] people (people.jsonl): file is missing", failure());
    }

    @Test
    void cutOffFileIsCaughtBeforeAnyRow() throws Exception {
        byte[] all = Files.readAllBytes(dir.resolve("people.jsonl"));
        Files.write(dir.resolve("people.jsonl"), java.util.Arrays.copyOf(all, all.length - ROW3.length()));
        List<Object[]> rows = new ArrayList<>();
        assertEquals("[FILE_CORRUPT] people (people.jsonl): size is " + (all.length - ROW3.length()) + " bytes, the manifest says "
                + all.length + "; the file was changed or cut off after the export", failure(rows));
        assertEquals(0, rows.size());
    }

    @Test
    void changedBytesFailAtTheEndOfTheFileAfterTheRows() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("people.jsonl"));
        String changed = new String(before, StandardCharsets.UTF_8).replace("\"name\":\"b\"", "\"name\":\"B\"");
        Files.writeString(dir.resolve("people.jsonl"), changed);
        List<Object[]> rows = new ArrayList<>();
        String message = failure(rows);
        assertEquals("[FILE_CORRUPT] people (people.jsonl): sha256 is " + sha(changed.getBytes(StandardCharsets.UTF_8))
                + ", the manifest says " + sha(before) + "; the file was changed after the export", message);
        assertEquals(3, rows.size(), "rows before the end were handed out; the engine's table transaction discards them");
    }

    @Test
    void rowCountThatDisagreesWithTheManifest() throws Exception {
        Manifest m = ManifestCodec.read(dir);
        ManifestTable t = m.tables().get("people");
        ManifestFile f = t.files().get(0);
        m = m.withTable(t.written(t.columns(), 4, List.of(new ManifestFile(f.name(), 4, f.sha256(), f.bytes())), t.checksum(), true));
        Files.write(dir.resolve("manifest.json"), ManifestCodec.write(m));
        assertEquals("[FILE_CORRUPT] people (people.jsonl): holds 3 rows, the manifest says 4", failure());
        m = m.withTable(t.written(t.columns(), 5, t.files(), t.checksum(), true));
        Files.write(dir.resolve("manifest.json"), ManifestCodec.write(m));
        assertEquals("[FILE_CORRUPT] people: the files hold 3 rows, the manifest's rowCount is 5", failure());
    }

    @Test
    void jsonArrayFilesAreJustAsStrict() throws Exception {
        Path json = tmp.resolve("json");
        Fixtures.export("json:" + json, PEOPLE, List.<Object[]>of(new Object[] {1, "a", null, null}), Fixtures.settings());
        dir = json;
        Path file = json.resolve("people.json");
        String good = Files.readString(file);
        Files.writeString(file, good.substring(0, good.length() - 3));
        Manifest m = ManifestCodec.read(json);
        ManifestTable t = m.tables().get("people");
        byte[] cut = Files.readAllBytes(file);
        m = m.withTable(t.written(t.columns(), 1, List.of(new ManifestFile("people.json", 1, sha(cut), cut.length)), null, false));
        Files.write(json.resolve("manifest.json"), ManifestCodec.write(m));
        String msg = assertThrows(DecantException.class, () -> Fixtures.readAll("dir:" + json, "people")).getMessage();
        assertEquals("[FILE_CORRUPT] people (people.json line 2, row 2): file ends inside a JSON value (cut off?)", msg);
    }

    @Test
    void manifestThatIsNotJson() throws Exception {
        Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\": 1, ");
        DecantException e = assertThrows(DecantException.class, () -> Fixtures.DIALECT.openSource("dir:" + dir, OpenOptions.DEFAULT));
        assertEquals(ErrorCode.FILE_CORRUPT, e.code());
        assertEquals("[FILE_CORRUPT] (manifest.json): not valid JSON: Unexpected end-of-input within/between Object entries "
                + "at line 1", e.getMessage());
    }
}
