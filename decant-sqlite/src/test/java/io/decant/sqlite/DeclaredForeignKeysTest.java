package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SQLite's pragma_foreign_key_list does not say when a key is checked: {@link DeclaredForeignKeys} reads the statement. */
class DeclaredForeignKeysTest {
    @Test
    void readsTheDeferredKeysOfColumnsAndOfTheTable() {
        assertEquals(Set.of(List.of("slot_id"), List.of("a", "b"), List.of("quoted col")),
                DeclaredForeignKeys.deferred("CREATE TABLE item (id INTEGER PRIMARY KEY,"
                        + " slot_id INTEGER REFERENCES slot (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
                        + " \"Quoted Col\" INT REFERENCES slot deferrable   initially\tdeferred, a INT, b INT, c INT, d INT,"
                        + " CONSTRAINT \"k, 1\" FOREIGN KEY (\"A\", [b]) REFERENCES pair (x, y) DEFERRABLE INITIALLY DEFERRED,"
                        + " FOREIGN KEY (c) REFERENCES slot (id))"));
    }

    @Test
    void immediateAndNotDeferrableKeysAndTextInStringsAreNot() {
        assertEquals(Set.of(), DeclaredForeignKeys.deferred("CREATE TABLE item (id INTEGER PRIMARY KEY,"
                + " a INT REFERENCES slot (id) DEFERRABLE, b INT REFERENCES slot (id) DEFERRABLE INITIALLY IMMEDIATE,"
                + " c INT REFERENCES slot (id) NOT DEFERRABLE INITIALLY DEFERRED,"
                + " d TEXT DEFAULT 'REFERENCES x DEFERRABLE INITIALLY DEFERRED', e INT CHECK (e > 0),"
                + " FOREIGN KEY (e) REFERENCES slot (id) NOT DEFERRABLE)"));
        assertEquals(Set.of(), DeclaredForeignKeys.deferred(null));
    }
}
