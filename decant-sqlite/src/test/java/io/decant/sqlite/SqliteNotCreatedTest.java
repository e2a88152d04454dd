package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CHECK constraints read from a CREATE TABLE statement, which is all SQLite keeps of them. */
class SqliteNotCreatedTest {
    private static List<String> checks(String sql) {
        return SqliteNotCreated.checks(sql).stream().map(c -> c[0] + " " + c[1]).toList();
    }

    @Test
    void columnAndTableChecksNamedOrNot() {
        assertEquals(List.of("null CHECK (n >= 0)", "positive_m CHECK (m > 0)", "a \"b\" CHECK ((n + m) < 10)"),
                checks("CREATE TABLE t (n INTEGER CHECK (n >= 0), m INT CONSTRAINT positive_m CHECK(m > 0),"
                        + " CONSTRAINT \"a \"\"b\"\"\" CHECK ((n + m) < 10))"));
    }

    @Test
    void theWordInsideQuotesIsNotACheck() {
        assertEquals(List.of("null CHECK (s <> 'check (x)' AND s <> ')')"),
                checks("CREATE TABLE \"check (y)\" (\"check\" TEXT, s TEXT DEFAULT 'check (z)' CHECK (s <> 'check (x)' AND s <> ')'),"
                        + " [check] INT, checked INT)"));
        assertEquals(List.of(), checks("CREATE TABLE t (rechecks INT, check_at TEXT)"));
    }
}
