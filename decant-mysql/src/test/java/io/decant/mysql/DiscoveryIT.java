package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DiscoveryIT {
    private static TestDb db;

    @BeforeAll
    static void schema() {
        db = TestDb.create("disc");
        db.exec("CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(200) NOT NULL,"
                        + " active TINYINT(1) NOT NULL DEFAULT 1, profile JSON, ip INET6, flags BIT(5), shape GEOMETRY,"
                        + " email_len INT AS (CHAR_LENGTH(email)) STORED, created TIMESTAMP(6) NULL,"
                        + " UNIQUE KEY users_email (email), KEY users_created (created))",
                "CREATE TABLE orders (id BIGINT UNSIGNED PRIMARY KEY, user_id INT NOT NULL, total DECIMAL(12,2),"
                        + " CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE)",
                "CREATE TABLE pair (a INT, b INT, note TEXT, PRIMARY KEY (b, a), FULLTEXT KEY ft (note))",
                "CREATE VIEW active_users AS SELECT id FROM users WHERE active = 1",
                "INSERT INTO users (email, profile, ip, flags) VALUES ('a@x', '{\"k\": 1}', '::1', b'10101')");
    }

    private static Map<String, Table> tables(SourceDatabase source) {
        return source.tables().stream().collect(Collectors.toMap(Table::name, Function.identity()));
    }

    @Test
    void discoversColumnsKeysIndexesAndForeignKeys() {
        try (SourceDatabase source = new MysqlDialect().openSource(db.url(), OpenOptions.DEFAULT)) {
            Map<String, Table> t = tables(source);
            assertEquals(List.of("orders", "pair", "users"), t.keySet().stream().sorted().toList(), "views are left out");
            Table users = t.get("users");
            assertNull(users.id().schema());
            assertEquals(List.of("id"), users.primaryKey());
            Column id = users.column("id");
            assertEquals(Column.Identity.BY_DEFAULT, id.identity());
            assertFalse(id.nullable());
            assertEquals(LogicalType.INT32, id.type());
            assertEquals(LogicalType.text(200), users.column("email").type());
            assertEquals(LogicalType.BOOLEAN, users.column("active").type());
            assertEquals(LogicalType.JSON, users.column("profile").type(), "MariaDB JSON is LONGTEXT with a CHECK");
            assertFalse(users.column("ip").isSupported());
            assertFalse(users.column("flags").isSupported());
            assertFalse(users.column("shape").isSupported());
            assertEquals(Column.Identity.COMPUTED, users.column("email_len").identity());
            assertEquals(LogicalType.TIMESTAMPTZ, users.column("created").type());
            assertTrue(users.indexes().contains(new Index("users_email", List.of("email"), true, true)), users.indexes().toString());
            assertTrue(users.indexes().contains(new Index("users_created", List.of("created"), false, false)));
            assertTrue(users.rowEstimate() >= 0);

            Table orders = t.get("orders");
            assertEquals(LogicalType.decimal(20, 0), orders.column("id").type());
            assertEquals(LogicalType.decimal(12, 2), orders.column("total").type());
            ForeignKey fk = orders.foreignKeys().get(0);
            assertEquals("orders_user", fk.name());
            assertEquals(List.of("user_id"), fk.columns());
            assertEquals(TableId.of("users"), fk.refTable());
            assertEquals(List.of("id"), fk.refColumns());
            assertEquals("CASCADE", fk.onDelete());

            Table pair = t.get("pair");
            assertEquals(List.of("b", "a"), pair.primaryKey());
            assertTrue(pair.indexes().isEmpty(), "FULLTEXT has no Index form: " + pair.indexes());
            assertEquals(1, source.countRows(users));
            assertTrue(source.serverVersion().startsWith("MariaDB ") || source.serverVersion().startsWith("MySQL "));
            List<String> notes = source.checkNotes();
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("privileges to write:")), notes.toString());
            assertTrue(notes.stream().anyMatch(n -> n.contains("pair.ft (FULLTEXT)")), notes.toString());
        }
    }

    @Test
    void unsupportedColumnsCanBeReadAsText() {
        try (SourceDatabase source = new MysqlDialect().openSource(db.url(), OpenOptions.DEFAULT)) {
            Table users = tables(source).get("users");
            List<Column> cols = List.of(users.column("ip"), users.column("flags"), users.column("shape"));
            try (RowStream rows = source.read(users, cols)) {
                Object[] row = rows.next();
                assertEquals("::1", row[0]);
                assertEquals("10101", row[1]);
                assertNull(row[2]);
                assertNull(rows.next());
            }
        }
    }
}
