package io.decant.files.convex;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import io.decant.files.Fixtures;
import io.decant.files.folder.FolderCheck;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** The values of a folder for npx convex import, its NULL rules, and that decant reads it back unchanged. */
class ConvexTargetTest {
    @TempDir
    Path tmp;

    static Column col(String name, LogicalType type) {
        return new Column(name, type.toString(), type, true, Column.Identity.NONE);
    }

    static final Table ALL = new Table(TableId.of("values"), List.of(
            col("id", LogicalType.INT32),
            col("flag", LogicalType.BOOLEAN),
            col("small", LogicalType.INT16),
            col("createdAt", LogicalType.INT64),
            col("price", LogicalType.decimal(10, 2)),
            col("ratio", LogicalType.FLOAT64),
            col("name", LogicalType.TEXT),
            col("blob", LogicalType.BYTES),
            col("ref", LogicalType.UUID),
            col("meta", LogicalType.JSON),
            col("filedOn", LogicalType.DATE),
            col("at", LogicalType.TIME),
            col("localAt", LogicalType.TIMESTAMP),
            col("zonedAt", LogicalType.TIMESTAMPTZ),
            col("tags", LogicalType.array(LogicalType.TEXT))),
            List.of("id"), List.of(), List.of(), -1);

    static Object[] fullRow() {
        return new Object[] {1, true, (short) -7, 1_704_067_200_123L, new BigDecimal("1234.50"), -0.0, "Zoë \"q\"\n",
                Bytes.wrap(new byte[] {0, (byte) 0xff, 65}), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                JsonText.parse("{\"rfi\":[{\"received_date\":\"2024-01-05\"}]}"), LocalDate.of(2024, 2, 29),
                LocalTime.of(23, 59, 59, 123_456_000), LocalDateTime.of(2024, 3, 10, 2, 30, 0, 1000),
                Instant.parse("2024-01-01T00:00:00.000001Z"), Arrays.asList("a", null, "b c")};
    }

    static Object[] nullRow() {
        Object[] row = new Object[ALL.columns().size()];
        row[0] = 2;
        return row;
    }

    private List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void everyTypeIsWrittenAsConvexReadsItAndReadsBackUnchanged() throws Exception {
        Path dir = tmp.resolve("convex-data");
        Fixtures.export("convex:" + dir, ALL, List.<Object[]>of(fullRow(), nullRow()), OpenOptions.DEFAULT);

        List<String> lines = lines(dir.resolve("values.jsonl"));
        assertEquals("{\"id\":1,\"flag\":true,\"small\":-7,\"createdAt\":1704067200123,\"price\":\"1234.50\",\"ratio\":-0.0,"
                + "\"name\":\"Zoë \\\"q\\\"\\n\",\"blob\":\"AP9B\",\"ref\":\"123e4567-e89b-12d3-a456-426614174000\","
                + "\"meta\":{\"rfi\":[{\"received_date\":\"2024-01-05\"}]},\"filedOn\":\"2024-02-29\",\"at\":\"23:59:59.123456\","
                + "\"localAt\":\"2024-03-10T02:30:00.000001\",\"zonedAt\":\"2024-01-01T00:00:00.000001Z\","
                + "\"tags\":[\"a\",null,\"b c\"]}", lines.get(0));
        assertEquals("{\"id\":2}", lines.get(1), "NULL fields are left out (Convex: undefined, v.optional)");

        List<Object[]> back = Fixtures.readAll("convex:" + dir, "values");
        assertArrayEquals(fullRow(), back.get(0));
        assertArrayEquals(nullRow(), back.get(1));
        assertTrue(FolderCheck.run(dir).ok(), "the folder proves itself against its manifest like an export");
    }

    @Test
    void nullsCanBeWrittenAsNullByUrlOptionOrSetting() throws Exception {
        Path byUrl = tmp.resolve("by-url");
        Fixtures.export("convex:" + byUrl + "?nulls=null", ALL, List.<Object[]>of(nullRow()), OpenOptions.DEFAULT);
        Path bySetting = tmp.resolve("by-setting");
        Fixtures.export("dir:" + bySetting, ALL, List.<Object[]>of(nullRow()), Fixtures.settings("format", "convex", "nulls", "null"));
        for (Path dir : List.of(byUrl, bySetting)) {
            String line = lines(dir.resolve("values.jsonl")).get(0);
            assertTrue(line.startsWith("{\"id\":2,\"flag\":null,\"small\":null,") && line.endsWith("\"tags\":null}"), line);
            assertArrayEquals(nullRow(), Fixtures.readAll("dir:" + dir, "values").get(0));
            assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"nulls\": \"null\""));
        }
    }

    @Test
    void aJsonNullDocumentStaysApartFromSqlNull() throws Exception {
        Table t = Fixtures.table("docs", col("id", LogicalType.INT32), col("body", LogicalType.JSON));
        Path omit = tmp.resolve("omit");
        Fixtures.export("convex:" + omit, t, List.<Object[]>of(new Object[] {1, JsonText.parse("null")}, new Object[] {2, null}),
                OpenOptions.DEFAULT);
        assertEquals(List.of("{\"id\":1,\"body\":null}", "{\"id\":2}"), lines(omit.resolve("docs.jsonl")));
        List<Object[]> back = Fixtures.readAll("convex:" + omit, "docs");
        assertEquals(JsonText.parse("null"), back.get(0)[1]);
        assertEquals(null, back.get(1)[1]);

        DecantException e = assertThrows(DecantException.class, () -> Fixtures.export("convex:" + tmp.resolve("null")
                + "?nulls=null", t, List.<Object[]>of(new Object[] {1, JsonText.parse("null")}), OpenOptions.DEFAULT));
        assertEquals(ErrorCode.VALUE_INVALID, e.code());
        assertTrue(e.getMessage().contains("nulls=omit"), e.getMessage());
    }

    @Test
    void int64IsANumberUpTo2To53AndAnErrorNamingTheRowBeyond() throws Exception {
        Table t = new Table(TableId.of("ledger"), List.of(col("legacyId", LogicalType.TEXT), col("amount", LogicalType.INT64)),
                List.of("legacyId"), List.of(), List.of(), -1);
        long max = 1L << 53;
        Path ok = tmp.resolve("ok");
        Fixtures.export("convex:" + ok, t, List.<Object[]>of(new Object[] {"a", max}, new Object[] {"b", -max}), OpenOptions.DEFAULT);
        assertEquals(List.of("{\"legacyId\":\"a\",\"amount\":9007199254740992}", "{\"legacyId\":\"b\",\"amount\":-9007199254740992}"),
                lines(ok.resolve("ledger.jsonl")));

        Path bad = tmp.resolve("bad");
        DecantException e = assertThrows(DecantException.class, () -> Fixtures.export("convex:" + bad, t,
                List.<Object[]>of(new Object[] {"a", 1L}, new Object[] {"x-7", max + 1}), OpenOptions.DEFAULT));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, e.code());
        assertEquals("ledger", e.context().table());
        assertEquals("amount", e.context().column());
        assertEquals(2L, e.context().rowOrdinal());
        assertEquals("legacyId=x-7", e.context().rowKey());
        assertTrue(e.getMessage().contains("9007199254740993") && e.getMessage().contains("v.int64()"), e.getMessage());
        assertFalse(Files.exists(bad.resolve("ledger.jsonl")), "a failed table leaves no file behind");
    }

    @Test
    void floatsJsonCannotSpellAndOverlongArraysAreRefused() {
        Table floats = Fixtures.table("f", col("v", LogicalType.FLOAT64));
        DecantException nan = assertThrows(DecantException.class, () -> Fixtures.export("convex:" + tmp.resolve("f"), floats,
                List.<Object[]>of(new Object[] {Double.NaN}), OpenOptions.DEFAULT));
        assertEquals(ErrorCode.VALUE_INVALID, nan.code());

        Table arrays = Fixtures.table("a", col("v", LogicalType.array(LogicalType.INT32)));
        List<Object> big = new ArrayList<>(Collections.nCopies(ConvexEncoders.MAX_ARRAY + 1, 1));
        DecantException tooLong = assertThrows(DecantException.class, () -> Fixtures.export("convex:" + tmp.resolve("a"), arrays,
                List.<Object[]>of(new Object[] {big}), OpenOptions.DEFAULT));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, tooLong.code());
        assertTrue(tooLong.getMessage().contains("8192"), tooLong.getMessage());
    }

    @Test
    void namesConvexRefusesStopBeforeARowIsWritten() {
        Table badTable = Fixtures.table("user profiles", col("id", LogicalType.INT32));
        Table badFields = Fixtures.table("users", col("_id", LogicalType.INT32), col("$type", LogicalType.TEXT),
                col("naïve", LogicalType.TEXT));
        DecantException t = assertThrows(DecantException.class, () -> Fixtures.export("convex:" + tmp.resolve("t"), badTable,
                List.of(), OpenOptions.DEFAULT));
        assertEquals(ErrorCode.USAGE, t.code());
        assertTrue(t.getMessage().contains("'user profiles' is not a Convex table name"), t.getMessage());
        DecantException f = assertThrows(DecantException.class, () -> Fixtures.export("convex:" + tmp.resolve("f"), badFields,
                List.of(), OpenOptions.DEFAULT));
        assertTrue(f.getMessage().contains("field '_id' starts with _") && f.getMessage().contains("field '$type' starts with $")
                && f.getMessage().contains("field 'naïve' holds a character other than printable ASCII"), f.getMessage());
    }

    @Test
    void convexHasNoSchemasAndKeepsItsFolderApartFromExports() {
        try (TargetDatabase target = Fixtures.DIALECT.openTarget("convex:" + tmp.resolve("c"), OpenOptions.DEFAULT)) {
            assertEquals(TableId.of("users"), target.resolve("auth", "users"));
            assertTrue(target.nativeType(LogicalType.INT64).contains("error beyond 2^53"));
        }
        Path export = tmp.resolve("export");
        Fixtures.export(export, Fixtures.table("t", col("v", LogicalType.INT32)), List.<Object[]>of(new Object[] {1}));
        DecantException e = assertThrows(DecantException.class,
                () -> Fixtures.DIALECT.openTarget("convex:" + export, OpenOptions.DEFAULT));
        assertTrue(e.getMessage().contains("holds a decant export, not a folder for Convex"), e.getMessage());

        Path convex = tmp.resolve("convex");
        Fixtures.export("convex:" + convex, Fixtures.table("t", col("v", LogicalType.INT32)), List.<Object[]>of(new Object[] {1}),
                OpenOptions.DEFAULT);
        DecantException other = assertThrows(DecantException.class,
                () -> Fixtures.DIALECT.openTarget("convex:" + convex + "?nulls=null", OpenOptions.DEFAULT));
        assertTrue(other.getMessage().contains("nulls=omit"), other.getMessage());
        DecantException asExport = assertThrows(DecantException.class,
                () -> Fixtures.DIALECT.openTarget("jsonl:" + convex, OpenOptions.DEFAULT));
        assertTrue(asExport.getMessage().contains("was written for Convex"), asExport.getMessage());
        DecantException option = assertThrows(DecantException.class,
                () -> Fixtures.DIALECT.openTarget("convex:" + tmp.resolve("x") + "?null=omit", OpenOptions.DEFAULT));
        assertTrue(option.getMessage().contains("unknown convex: URL option 'null'"), option.getMessage());
    }
}
