package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** SQLite keeps no catalog of column collations: {@link DeclaredCollations} reads the CREATE TABLE text. */
class DeclaredCollationsTest {
    @Test
    void readsEachColumnsCollateClause() {
        assertEquals(Map.of("n", "NOCASE", "quoted name", "RTRIM", "br", "NOCASE", "tick", "BINARY"),
                DeclaredCollations.of("CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT collate nocase,"
                        + " \"quoted name\" TEXT NOT NULL COLLATE \"RTRIM\", [br] VARCHAR(10) COLLATE NoCase,"
                        + " `tick` TEXT COLLATE BINARY, plain TEXT)"));
    }

    @Test
    void aCollateInsideAStringOrATableConstraintIsNotAColumns() {
        assertEquals(Map.of(),
                DeclaredCollations.of("CREATE TABLE t (a TEXT DEFAULT 'x COLLATE NOCASE, y', b NUMERIC(10,2),"
                        + " UNIQUE (a COLLATE NOCASE), CHECK (a <> 'z'))"));
    }
}
