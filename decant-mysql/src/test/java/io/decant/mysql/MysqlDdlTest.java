package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.schema.Column;
import io.decant.core.schema.Column.Identity;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MysqlDdlTest {
    private final ServerInfo maria = ServerInfo.parse("10.11.19-MariaDB", 0);
    private final MysqlDdl ddl = new MysqlDdl(new TargetTypes(maria), maria);

    @Test
    void quotesEveryNameAndKeepsKeysIndexable() {
        Table t = new Table(TableId.of("order`s"), List.of(
                new Column("id", null, LogicalType.TEXT, false, Identity.NONE),
                new Column("seq", null, LogicalType.INT64, false, Identity.BY_DEFAULT),
                Column.of("at", LogicalType.TIMESTAMPTZ),
                Column.of("blob", LogicalType.BYTES)),
                List.of("id"), List.of(new Index("u", List.of("blob"), true, true), new Index("i x", List.of("at"), false, false)),
                List.of(new ForeignKey("fk", List.of("seq"), TableId.of("other"), List.of("id"), false, "SET DEFAULT", "CASCADE")),
                -1);
        String sql = ddl.createTable(t);
        assertEquals("CREATE TABLE `order``s` (\n"
                + "  `id` VARCHAR(255) NOT NULL,\n"
                + "  `seq` BIGINT NOT NULL AUTO_INCREMENT,\n"
                + "  `at` DATETIME(6) COMMENT 'decant:timestamptz',\n"
                + "  `blob` VARBINARY(255),\n"
                + "  PRIMARY KEY (`id`),\n"
                + "  UNIQUE KEY `u` (`blob`),\n"
                + "  KEY (`seq`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin", sql);
        assertEquals(List.of("CREATE INDEX `i x` ON `order``s` (`at`)"), ddl.createIndexes(t, Set.of()));
        assertEquals(List.of("ALTER TABLE `order``s` ADD CONSTRAINT `fk` FOREIGN KEY (`seq`) REFERENCES `other` (`id`)"
                + " ON UPDATE CASCADE"), ddl.addForeignKeys(t));
    }

    @Test
    void plainIndexesOverLobsGetAPrefix() {
        Table t = new Table(TableId.of("t"), List.of(Column.of("body", LogicalType.TEXT)), List.of(),
                List.of(new Index("b", List.of("body"), false, false)), List.of(), -1);
        assertEquals(List.of("CREATE INDEX `b` ON `t` (`body`(255))"), ddl.createIndexes(t, Set.of("body")));
    }

    @Test
    void wideRowsMoveTheLongestVarcharsToLongtext() {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cols.add(Column.of("c" + i, LogicalType.text(i == 3 ? 16000 : 2000)));
        }
        String sql = ddl.createTable(new Table(TableId.of("wide"), cols, List.of(), List.of(), List.of(), -1));
        assertTrue(sql.contains("`c3` LONGTEXT"), sql);
        // 9 x 2000 + 16000 characters of utf8mb4 exceed 65535 bytes; dropping the longest is not enough, so one more goes.
        assertTrue(sql.contains("`c0` LONGTEXT"), sql);
        assertEquals(8, sql.split("VARCHAR\\(2000\\)", -1).length - 1, sql);
    }
}
