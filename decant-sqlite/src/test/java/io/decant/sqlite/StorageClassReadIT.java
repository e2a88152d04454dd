package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite column holds a storage class per value; each mix is read, or refused by name. */
class StorageClassReadIT {
    @TempDir
    Path dir;

    /** Reads column {@code c} of table {@code t(id INTEGER PRIMARY KEY, c <declared>)} after the inserts. */
    private List<Object> column(String declared, String... values) {
        Path f = dir.resolve("t.db");
        List<String> sql = new ArrayList<>();
        sql.add("DROP TABLE IF EXISTS t");
        sql.add("CREATE TABLE t (id INTEGER PRIMARY KEY, c " + declared + ")");
        for (int i = 0; i < values.length; i++) {
            sql.add("INSERT INTO t VALUES (" + (i + 1) + ", " + values[i] + ")");
        }
        TestDb.exec(f, sql.toArray(String[]::new));
        List<Object> out = new ArrayList<>();
        for (Object[] row : TestDb.readAll(f, "t")) {
            out.add(row[1]);
        }
        return out;
    }

    private DecantException refused(String declared, String... values) {
        return assertThrows(DecantException.class, () -> column(declared, values));
    }

    @Test
    void integersInARealColumnAreExactDoubles() {
        assertEquals(List.of(3.0, 2.5, -9007199254740992.0), column("REAL", "3", "2.5", "-9007199254740992"));
    }

    @Test
    void textInAnIntegerColumnIsParsedStrictly() {
        // INTEGER affinity turns '42' into 42 on insert; '4x' and ' 7' stay text
        assertEquals(List.of(42L, 9223372036854775807L), column("INTEGER", "'42'", "9223372036854775807"));
        DecantException e = refused("INTEGER", "1", "'4x'");
        assertEquals(ErrorCode.VALUE_INVALID, e.code());
        assertEquals("[VALUE_INVALID] t.c (row 2, id=2): not an integer; the value's storage class was TEXT,"
                + " in a column declared INTEGER read as int64 (value '4x') [rule: integer: optional sign and decimal"
                + " digits, nothing else]", e.getMessage());
        assertEquals("read", e.context().phase());
    }

    @Test
    void realMoneyIsReadAtTheDeclaredScale() {
        assertEquals(List.of(new BigDecimal("12.50"), new BigDecimal("0.30"), new BigDecimal("5.00"), new BigDecimal("19.99"),
                new BigDecimal("123.30")), column("NUMERIC(10,2)", "12.5", "0.1 + 0.2", "5", "19.99", "123.0 + 0.1 + 0.2"));
        // SQLite's NUMERIC affinity turned the text into a REAL; the text form survives only when it is not a number
        assertEquals(List.of(new BigDecimal("7.25")), column("NUMERIC(10,2)", "'7.25'"));
    }

    @Test
    void realMoneyWithRealDigitsBeyondTheScaleIsAPrecisionError() {
        DecantException e = refused("NUMERIC(10,2)", "0.123");
        assertEquals(ErrorCode.PRECISION_LOSS, e.code());
        assertEquals("[PRECISION_LOSS] t.c (row 1, id=1): 0.123 has more than 2 fractional digits; the value's storage"
                + " class was REAL, in a column declared NUMERIC(10,2) read as decimal(10,2) (value '0.123')"
                + " [rule: decimal(10,2): at most 2 fractional digits]", e.getMessage());
        DecantException big = refused("NUMERIC(4,2)", "123.5");
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, big.code());
        assertEquals("[VALUE_OUT_OF_RANGE] t.c (row 1, id=1): 123.50 does not fit decimal(4,2); the value's storage class"
                + " was REAL, in a column declared NUMERIC(4,2) read as decimal(4,2) (value '123.5')"
                + " [rule: decimal(4,2): at most 2 digits before the point]", big.getMessage());
    }

    @Test
    void nonNumericTextInANumericColumnIsRefused() {
        DecantException e = refused("NUMERIC(10,2)", "'12,50'");
        assertEquals("[VALUE_INVALID] t.c (row 1, id=1): not a decimal number; the value's storage class was TEXT,"
                + " in a column declared NUMERIC(10,2) read as decimal(10,2) (value '12,50')"
                + " [rule: decimal: plain or scientific decimal notation]", e.getMessage());
    }

    @Test
    void textTimestampsInSeveralSpellings() {
        assertEquals(List.of(LocalDateTime.of(2024, 1, 2, 3, 4, 5), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000),
                        LocalDateTime.of(2024, 1, 2, 0, 0), LocalDateTime.of(2024, 1, 2, 1, 4, 5)),
                column("DATETIME", "'2024-01-02 03:04:05'", "'2024-01-02T03:04:05.123Z'", "'2024-01-02'",
                        "'2024-01-02T03:04:05+02:00'"));
        assertEquals(List.of(LocalDate.of(2024, 2, 29)), column("DATE", "'2024-02-29'"));
    }

    @Test
    void anIntegerInADatetimeColumnAsksForAnEpochCast() {
        DecantException e = refused("DATETIME", "'2024-01-02'", "1704164645");
        assertEquals(ErrorCode.VALUE_INVALID, e.code());
        assertEquals("[VALUE_INVALID] t.c (row 2, id=2): integer in a DATETIME column: epoch seconds, epoch milliseconds"
                + " and Julian days cannot be told apart; declare an epoch cast for this column in the spec; the value's"
                + " storage class was INTEGER, in a column declared DATETIME read as timestamp (value '1704164645')"
                + " [rule: integer -> timestamp: refused]", e.getMessage());
        DecantException real = refused("DATETIME", "2460311.5");
        assertEquals("[VALUE_INVALID] t.c (row 1, id=1): real in a DATETIME column: epoch seconds, epoch milliseconds"
                + " and Julian days cannot be told apart; declare an epoch cast for this column in the spec; the value's"
                + " storage class was REAL, in a column declared DATETIME read as timestamp (value '2460311.5')"
                + " [rule: real -> timestamp: refused]", real.getMessage());
    }

    @Test
    void aBlobInATextColumnIsNotDecoded() {
        DecantException e = refused("TEXT", "'fine'", "x'68690a00'");
        assertEquals("[VALUE_INVALID] t.c (row 2, id=2): blob in a TEXT column is not decoded behind your back: say how"
                + " its bytes become text with cast: {type: text, encoding: utf8} (or base64, hex, latin1), or skip: true;"
                + " the value's storage class was BLOB, in a column declared TEXT read as"
                + " text (value '<4 bytes>') [rule: blob -> text: refused]", e.getMessage());
    }

    @Test
    void textInABlobColumnNamesTheEncodingCast() {
        DecantException e = refused("BLOB", "x'00'", "'aGk='");
        assertEquals("[VALUE_INVALID] t.c (row 2, id=2): text in a BLOB column is not turned into bytes behind your"
                + " back: say how with cast: {type: bytes, encoding: utf8} (or base64, hex, latin1), or skip: true;"
                + " the value's storage class was TEXT, in a column declared BLOB read as bytes (value 'aGk=')"
                + " [rule: text -> bytes: refused]", e.getMessage());
    }

    /** The planner reads a column as the other kind under a cast with an encoding: SQLite's own CAST then applies. */
    @Test
    void aColumnReadAsTheOtherKindTakesEachValueAsSqlitesCastGivesIt() {
        Path f = dir.resolve("t.db");
        TestDb.exec(f, "CREATE TABLE t (id INTEGER PRIMARY KEY, txt TEXT, bl BLOB)",
                "INSERT INTO t VALUES (1, 'hé', 'aGk='), (2, x'68c3a9', x'61476b3d')");
        try (SourceDatabase src = TestDb.source(f)) {
            Table t = TestDb.table(src, "t");
            List<io.decant.core.schema.Column> cols = List.of(
                    t.column("txt").withType(io.decant.core.type.LogicalType.BYTES),
                    t.column("bl").withType(io.decant.core.type.LogicalType.TEXT));
            List<Object[]> rows = TestDb.readAll(src, t, cols);
            byte[] he = "hé".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertArrayEquals(he, ((Bytes) rows.get(0)[0]).unsafeArray());
            assertArrayEquals(he, ((Bytes) rows.get(1)[0]).unsafeArray());
            assertEquals("aGk=", rows.get(0)[1]);
            assertEquals("aGk=", rows.get(1)[1]);
        }
        TestDb.exec(f, "INSERT INTO t VALUES (3, NULL, x'ff')");
        try (SourceDatabase src = TestDb.source(f)) {
            Table t = TestDb.table(src, "t");
            DecantException e = assertThrows(DecantException.class, () -> TestDb.readAll(src, t,
                    List.of(t.column("bl").withType(io.decant.core.type.LogicalType.TEXT))));
            assertTrue(e.getMessage().contains("bytes that are not UTF-8 text"), e.getMessage());
        }
    }

    @Test
    void booleansFromTextAndIntegers() {
        assertEquals(List.of(true, false, true, false, true, false),
                column("BOOLEAN", "1", "0", "'true'", "'false'", "'t'", "'F'"));
        DecantException two = refused("BOOLEAN", "2");
        assertEquals("[VALUE_INVALID] t.c (row 1, id=1): integer 2 is not 0 or 1; the value's storage class was INTEGER,"
                + " in a column declared BOOLEAN read as boolean (value '2') [rule: boolean: 1/0, t/f, true/false (any case);"
                + " NULL stays NULL]", two.getMessage());
        DecantException yes = refused("BOOLEAN", "'yes'");
        assertEquals("[VALUE_INVALID] t.c (row 1, id=1): not a boolean; the value's storage class was TEXT, in a column"
                + " declared BOOLEAN read as boolean (value 'yes') [rule: boolean: 1/0, t/f, true/false (any case);"
                + " NULL stays NULL]", yes.getMessage());
    }

    @Test
    void nullStaysNullAndEmptyTextStaysEmpty() {
        assertEquals(java.util.Arrays.asList(null, ""), column("TEXT", "NULL", "''"));
        assertEquals(java.util.Arrays.asList((Object) null), column("BOOLEAN", "NULL"));
    }

    @Test
    void numbersInAJsonColumnAreJsonNumbers() {
        // JSON has NUMERIC affinity: SQLite stored the document 42 as an integer and 1.5 as a real
        assertEquals(List.of(JsonText.trusted("42"), JsonText.trusted("1.5"), JsonText.trusted("{\"a\":\"é\"}")),
                column("JSON", "'42'", "'1.5'", "'{\"a\":\"é\"}'"));
        DecantException bad = refused("JSON", "'{oops'");
        assertEquals(ErrorCode.VALUE_INVALID, bad.code());
    }

    @Test
    void untypedColumnsWithOneClassAndAsTextForMixedOnes() {
        assertEquals(List.of(new Bytes[] {Bytes.wrap(new byte[] {0, 1})}[0]), column("", "x'0001'"));
        Path f = dir.resolve("t.db");
        TestDb.exec(f, "DELETE FROM t", "INSERT INTO t VALUES (1, 5), (2, 'five'), (3, 2.5)");
        try (SourceDatabase src = TestDb.source(f)) {
            Table t = TestDb.table(src, "t");
            // the spec said as_text: the dialect reads SQLite's own text form of each value
            List<Object[]> rows = TestDb.readAll(src, t, t.columns());
            assertEquals(List.of("5", "five", "2.5"), rows.stream().map(r -> r[1]).toList());
        }
    }

    @Test
    void integersAreLongsWhateverTheirSizeAndSmallintIsRangeChecked() {
        assertEquals(List.of(1L, 3_000_000_000L), column("BIGINT", "1", "3000000000"));
        DecantException e = refused("SMALLINT", "70000");
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, e.code());
        assertEquals("[VALUE_OUT_OF_RANGE] t.c (row 1, id=1): 70000 does not fit int16; the value's storage class was"
                + " INTEGER, in a column declared SMALLINT read as int16 (value '70000') [rule: int16: -32768..32767]",
                e.getMessage());
    }

    @Test
    void streamCountsRowsAndTheKeyIsFoundEvenWhenNotSelected() {
        Path f = dir.resolve("k.db");
        TestDb.exec(f, "CREATE TABLE k (code TEXT, region TEXT, n INTEGER, PRIMARY KEY (code, region))",
                "INSERT INTO k VALUES ('a', 'eu', 1), ('b', 'us', 'x')");
        try (SourceDatabase src = TestDb.source(f)) {
            Table k = TestDb.table(src, "k");
            try (RowStream s = src.read(k, List.of(k.column("n")))) {
                assertArrayEquals(new Object[] {1L}, s.next());
                assertEquals(1, s.rowsRead());
                DecantException e = assertThrows(DecantException.class, s::next);
                assertEquals("[VALUE_INVALID] k.n (row 2, code=b, region=us): not an integer; the value's storage class"
                        + " was TEXT, in a column declared INTEGER read as int64 (value 'x') [rule: integer: optional sign"
                        + " and decimal digits, nothing else]", e.getMessage());
            }
        }
    }

    /** Every storage class, in a UTF-8 file and in the UTF-16 encodings SQLite can also store text in. */
    @Test
    void everyStorageClassReadsTheSameInEachTextEncoding() {
        List<List<Object>> seen = new ArrayList<>();
        for (String encoding : List.of("UTF-8", "UTF-16le", "UTF-16be")) {
            Path f = dir.resolve("enc-" + encoding + ".db");
            TestDb.exec(f, "PRAGMA encoding = '" + encoding + "'",
                    "CREATE TABLE t (id INTEGER PRIMARY KEY, txt TEXT, bl BLOB, i INTEGER, r REAL)",
                    "INSERT INTO t VALUES (1, 'zoë 🐘 \u00e9\u4e2d', x'', 2147483648, 0.5),"
                            + " (2, '', x'00ff', -7, NULL), (3, NULL, NULL, NULL, 1e300)");
            assertEquals(encoding, TestDb.query(f, "PRAGMA encoding").get(0).get(0));
            List<Object> values = new ArrayList<>();
            for (Object[] row : TestDb.readAll(f, "t")) {
                for (Object v : row) {
                    values.add(v instanceof Bytes b ? "bytes " + java.util.Arrays.toString(b.unsafeArray()) : v);
                }
            }
            seen.add(values);
        }
        assertEquals(java.util.Arrays.asList(1L, "zoë 🐘 \u00e9\u4e2d", "bytes []", 2147483648L, 0.5,
                2L, "", "bytes [0, -1]", -7L, null, 3L, null, null, null, 1e300), seen.get(0));
        assertEquals(seen.get(0), seen.get(1));
        assertEquals(seen.get(0), seen.get(2));
    }
}
