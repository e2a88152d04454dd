package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/compatibility.md, "MySQL / MariaDB": a MariaDB table with every MySQL type and schema feature,
 * planned and migrated into PostgreSQL and SQLite, pinning what decant does with each. The fixture is
 * written here.
 */
class MysqlEveryTypeIT {
    @TempDir
    Path dir;

    static final String TABLE = "CREATE TABLE every_type (id INT AUTO_INCREMENT PRIMARY KEY,"
            + " ti TINYINT, ti1 TINYINT(1), tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,"
            + " mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,"
            + " dc DECIMAL(10,2), dcd DECIMAL, dc65 DECIMAL(65,30), f FLOAT, d DOUBLE, b1 BIT(1), b8 BIT(8), bo BOOLEAN,"
            + " c CHAR(3), vc VARCHAR(50), tt TINYTEXT, t TEXT, mt MEDIUMTEXT, lt LONGTEXT,"
            + " bn BINARY(4), vb VARBINARY(10), tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,"
            + " e ENUM('small','large'), st SET('x','y'), dt DATE, tm TIME, tm6 TIME(6), dtm DATETIME, dtm6 DATETIME(6),"
            + " ts TIMESTAMP NULL, yr YEAR, j JSON, u UUID, latin VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci,"
            + " ci VARCHAR(10) COLLATE utf8mb4_general_ci, g GEOMETRY, p POINT, ip6 INET6, ip4 INET4,"
            + " gen INT AS (i * 2) VIRTUAL, gens INT AS (i + 1) STORED,"
            + " UNIQUE KEY uk_vc (vc), KEY idx_i (i))";

    static final String ROW = "INSERT INTO every_type (ti, ti1, tiu, si, siu, mi, miu, i, iu, bi, biu, dc, dcd, dc65, f, d,"
            + " b1, b8, bo, c, vc, tt, t, mt, lt, bn, vb, tb, bl, mb, lb, e, st, dt, tm, tm6, dtm, dtm6, ts, yr, j, u, latin, ci, g, p, ip6, ip4)"
            + " VALUES (-128, 1, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, -9223372036854775808,"
            + " 18446744073709551615, 12345678.91, 1234567890, 12345.123456789012345678901234567890, 32.38, 0.1,"
            + " b'1', b'10100101', TRUE, 'abc', 'héllo 😀', 'tiny', 'text', 'medium', 'long', x'00ff0001', x'cafe', x'01',"
            + " x'02', x'03', x'04', 'large', 'x,y', '2024-02-29', '-838:59:59', '12:34:56.123456', '2024-01-02 03:04:05',"
            + " '2024-01-02 03:04:05.123456', '2024-06-01 12:00:00', 2024, '{\"k\": [1, 2.50]}',"
            + " '123e4567-e89b-12d3-a456-426614174000', 'åäö', 'MiXeD', ST_GeomFromText('LINESTRING(0 0, 1 1)'), POINT(1.5, 2),"
            + " '2001:db8::1', '192.0.2.1')";

    private static String maria() throws SQLException {
        String url = MariaServer.createDatabase("every_src");
        try (Connection c = MariaServer.connect(url.substring(url.lastIndexOf('/') + 1)); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            s.execute(TABLE);
            s.execute(ROW);
            s.execute("INSERT INTO every_type (id) VALUES (2)");
        }
        return url;
    }

    private static final String SPEC = "tables:\n  every_type:\n    columns:\n      b8: { as_text: true }\n"
            + "      g: { as_text: true }\n      p: { as_text: true }\n      ip6: { as_text: true }\n      ip4: { as_text: true }\n";

    @Test
    void planNamesEachTypeWithoutALogicalTypeAndItsWayOut() throws Exception {
        String src = maria();
        Cli.Result plan = Cli.run("plan", "--from", src, "--to", "sqlite:" + dir.resolve("x.db"), "--create-schema");
        assertEquals(2, plan.exit(), plan.toString());
        assertTrue(plan.err().contains("[UNSUPPORTED_TYPE] 5 problems:"), plan.err());
        assertTrue(plan.err().contains("[UNSUPPORTED_TYPE] every_type.b8: type bit(8) is not supported (bit(8) is a bit string"
                + " with no logical type; read it as_text (binary digits) or skip it)"), plan.err());
        for (String t : List.of("g: type geometry", "p: type point", "ip6: type inet6", "ip4: type inet4")) {
            assertTrue(plan.err().contains("[UNSUPPORTED_TYPE] every_type." + t + " is not supported"), t + "\n" + plan.err());
        }
    }

    @Test
    void aTimeOutsideTheDayIsRefusedAndCastTextDoesNotReadIt() throws Exception {
        String src = maria();
        Path spec = dir.resolve("t.yaml");
        Files.writeString(spec, SPEC + "      tm: { cast: text }\n");
        Cli.Result m = Cli.run("migrate", "--from", src, "--to", "sqlite:" + dir.resolve("t.db"), "--create-schema", "--spec", spec.toString());
        assertEquals(3, m.exit(), m.toString());
        assertTrue(m.err().contains("[VALUE_OUT_OF_RANGE] every_type.tm (row 1, id=1): negative time -838:59:59 (value"
                + " '-838:59:59') [rule: mysql time: a time of day 00:00:00..23:59:59.999999; MySQL TIME also holds durations"
                + " (-838:59:59..838:59:59), which have no logical type and no cast reads; skip: true on the column leaves it"
                + " out]"), m.err());
    }

    @Test
    void everyTypeIntoPostgres() throws Exception {
        String src = maria();
        PgServer.TestDb pg = PgServer.get().createDatabase("it_every_dst");
        Path spec = dir.resolve("pg.yaml");
        Files.writeString(spec, SPEC + "      tm: { skip: true }\n");
        Cli.Result plan = Cli.run("plan", "--from", src, "--to", pg.url(), "--create-schema", "--spec", spec.toString());
        assertEquals(0, plan.exit(), plan.toString());
        for (String line : List.of("tiu    tinyint(3) unsigned -> int16 -> smallint", "iu     int(10) unsigned -> int64 -> bigint",
                "biu    bigint(20) unsigned -> decimal(20,0) -> numeric(20,0)", "dcd    decimal(10,0) -> decimal(10,0) -> numeric(10,0)",
                "f      float -> float32 -> real", "b1     bit(1) -> boolean -> boolean", "b8     bit(8) -> text -> text",
                "e      enum('small','large') -> text -> text", "st     set('x','y') -> text -> text",
                "ts     timestamp -> timestamptz -> timestamptz", "yr     year(4) -> int16 -> smallint",
                "j      longtext -> json -> jsonb", "u      uuid -> uuid -> uuid", "g      geometry -> text -> text",
                "ip6    inet6 -> text -> text", "creates: index idx_i (i)", "creates: unique constraint uk_vc (vc)",
                "note: column gen is computed by the source database and not copied",
                "note: column gens is computed by the source database and not copied")) {
            assertTrue(plan.out().contains(line), line + "\n" + plan.out());
        }
        Cli.Result m = Cli.run("migrate", "--from", src, "--to", pg.url(), "--create-schema", "--spec", spec.toString());
        assertEquals(0, m.exit(), m.toString());
        Cli.Result v = Cli.run("verify", "--from", src, "--to", pg.url(), "--spec", spec.toString());
        assertEquals(0, v.exit(), v.toString());
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            assertEquals("{\"id\":1,\"ti\":-128,\"ti1\":true,\"tiu\":255,\"si\":-32768,\"siu\":65535,\"mi\":-8388608,"
                    + "\"miu\":16777215,\"i\":-2147483648,\"iu\":4294967295,\"bi\":-9223372036854775808,"
                    + "\"biu\":18446744073709551615,\"dc\":12345678.91,\"dcd\":1234567890,"
                    + "\"dc65\":12345.123456789012345678901234567890,\"f\":32.38,\"d\":0.1,\"b1\":true,\"b8\":\"10100101\","
                    + "\"bo\":true,\"c\":\"abc\",\"vc\":\"héllo 😀\",\"tt\":\"tiny\",\"t\":\"text\",\"mt\":\"medium\","
                    + "\"lt\":\"long\",\"bn\":\"\\\\x00ff0001\",\"vb\":\"\\\\xcafe\",\"tb\":\"\\\\x01\",\"bl\":\"\\\\x02\","
                    + "\"mb\":\"\\\\x03\",\"lb\":\"\\\\x04\",\"e\":\"large\",\"st\":\"x,y\",\"dt\":\"2024-02-29\","
                    + "\"tm6\":\"12:34:56.123456\",\"dtm\":\"2024-01-02T03:04:05\",\"dtm6\":\"2024-01-02T03:04:05.123456\","
                    + "\"ts\":\"2024-06-01T12:00:00+00:00\",\"yr\":2024,\"j\":{\"k\": [1, 2.50]},"
                    + "\"u\":\"123e4567-e89b-12d3-a456-426614174000\",\"latin\":\"åäö\",\"ci\":\"MiXeD\","
                    + "\"g\":\"LINESTRING(0 0,1 1)\",\"p\":\"POINT(1.5 2)\",\"ip6\":\"2001:db8::1\",\"ip4\":\"192.0.2.1\"}",
                    one(s, "SELECT row_to_json(r)::text FROM every_type r WHERE id = 1"));
            assertEquals("every_type_pkey idx_i uk_vc", one(s, "SELECT string_agg(indexname, ' ' ORDER BY indexname)"
                    + " FROM pg_indexes WHERE tablename = 'every_type'"));
            assertEquals("id:YES ci:NO", one(s, "SELECT string_agg(column_name || ':' || is_identity, ' ' ORDER BY column_name DESC)"
                    + " FROM information_schema.columns WHERE table_name = 'every_type' AND column_name IN ('id', 'ci')"));
            assertEquals("0", one(s, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'every_type'"
                    + " AND column_name IN ('gen', 'gens', 'tm')"));
        }
    }

    @Test
    void everyTypeIntoANewSqliteFile() throws Exception {
        String src = maria();
        Path lite = dir.resolve("every.db");
        Path spec = dir.resolve("lite.yaml");
        Files.writeString(spec, SPEC + "      tm: { skip: true }\n");
        Cli.Result refused = Cli.run("migrate", "--from", src, "--to", "sqlite:" + lite, "--create-schema", "--spec", spec.toString());
        assertEquals(3, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("[PRECISION_LOSS] every_type.biu (row 1, id=1): 18446744073709551615 would read back as"
                + " 18446744073709552000 from a SQLite NUMERIC column, which holds a double; keep it exact as text with cast: text"),
                refused.err());

        Path exact = dir.resolve("exact.db");
        Files.writeString(spec, SPEC + "      tm: { skip: true }\n      biu: { cast: text }\n      dc65: { cast: text }\n");
        Cli.Result m = Cli.run("migrate", "--from", src, "--to", "sqlite:" + exact, "--create-schema", "--spec", spec.toString());
        assertEquals(0, m.exit(), m.toString());
        Cli.Result v = Cli.run("verify", "--from", src, "--to", "sqlite:" + exact, "--spec", spec.toString());
        assertEquals(0, v.exit(), v.toString());
        assertEquals(List.of("id INTEGER, ti INTEGER, ti1 BOOLEAN, tiu INTEGER, si INTEGER, siu INTEGER, mi INTEGER, miu INTEGER,"
                + " i INTEGER, iu INTEGER, bi INTEGER, biu TEXT, dc NUMERIC(10,2), dcd NUMERIC(10,0), dc65 TEXT, f REAL, d REAL,"
                + " b1 BOOLEAN, b8 TEXT, bo BOOLEAN, c VARCHAR(3), vc VARCHAR(50), tt TEXT, t TEXT, mt TEXT, lt TEXT, bn BLOB,"
                + " vb BLOB, tb BLOB, bl BLOB, mb BLOB, lb BLOB, e TEXT, st TEXT, dt DATE, tm6 TIME, dtm DATETIME, dtm6 DATETIME,"
                + " ts TIMESTAMPTZ, yr INTEGER, j JSON_TEXT, u UUID_TEXT, latin VARCHAR(10), ci VARCHAR(10), g TEXT, p TEXT,"
                + " ip6 TEXT, ip4 TEXT"), sqlite(exact, "SELECT group_concat(name || ' ' || type, ', ') FROM pragma_table_info('every_type')"));
        // FLOAT arrives as the float32's exact double (32.380001...): a REAL column holds doubles
        assertEquals(List.of("-128 1 255 -9223372036854775808 '18446744073709551615' 12345678.91 1234567890"
                + " '12345.123456789012345678901234567890' 3.238000106811523438e+01 0.1 1 '10100101' X'00FF0001' 'large' 'x,y'"
                + " '2024-02-29' '12:34:56.123456' '2024-01-02 03:04:05' '2024-01-02 03:04:05.123456' '2024-06-01 12:00:00' 2024"
                + " '{\"k\": [1, 2.50]}' '123e4567-e89b-12d3-a456-426614174000' 'åäö' 'LINESTRING(0 0,1 1)' '2001:db8::1'"), sqlite(exact, "SELECT quote(ti)||' '||quote(ti1)||' '||quote(tiu)||' '||quote(bi)||' '||quote(biu)"
                + "||' '||quote(dc)||' '||quote(dcd)||' '||quote(dc65)||' '||quote(f)||' '||quote(d)||' '||quote(b1)||' '||quote(b8)"
                + "||' '||quote(bn)||' '||quote(e)||' '||quote(st)||' '||quote(dt)||' '||quote(tm6)||' '||quote(dtm)||' '||quote(dtm6)"
                + "||' '||quote(ts)||' '||quote(yr)||' '||quote(j)||' '||quote(u)||' '||quote(latin)||' '||quote(g)||' '||quote(ip6)"
                + " FROM every_type WHERE id = 1"));
        assertEquals(List.of("idx_i", "sqlite_autoindex_every_type_1"),
                sqlite(exact, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'every_type' ORDER BY 1"));
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static List<String> sqlite(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
