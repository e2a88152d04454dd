package io.decant.mysql;

import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spec.ZeroDates;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.LogicalType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One MySQL/MariaDB database, as a source and as a target. A metadata connection is opened at once
 * (so that a wrong password or an unreachable server is reported by {@code check} before anything
 * else) and serves discovery and DDL; every row stream and every sink has a connection of its own,
 * so tables can be read and loaded in parallel.
 */
final class MysqlDatabase implements SourceDatabase, TargetDatabase {
    /** A NOT NULL column refuses NULL on every write. */
    @Override
    public boolean enforcesNotNull() {
        return true;
    }

    private final MysqlConnector connector;
    private final io.decant.core.spi.JdbcJournal journal;
    private final MysqlUrl url;
    private final Connection meta;
    private final ServerInfo server;
    private final TargetTypes types;
    private final Map<String, String> settings;
    /** Reading connections in the snapshot: enough for parallel table reads on a small machine. */
    static final int SNAPSHOT_CONNECTIONS = Math.min(8, Math.max(2, Runtime.getRuntime().availableProcessors()));
    private MysqlSnapshot snapshot;
    private boolean snapshotTried;

    private final boolean snapshotReads;
    /** Read in slices by separate tasks ({@link io.decant.core.spi.OpenOptions#SLICED_READS}): no global lock. */
    private final boolean slicedReads;

    /** A target: its reads see what was written meanwhile, so they take no snapshot. */
    MysqlDatabase(MysqlUrl url) {
        this(url, Map.of(), false);
    }

    /**
     * @param settings      the source's settings from the spec, such as what zero dates become ({@link ZeroDates})
     * @param snapshotReads whether every table is read in one snapshot ({@link MysqlSnapshot}): for a source
     */
    MysqlDatabase(MysqlUrl url, Map<String, String> settings, boolean snapshotReads) {
        this(new MysqlConnector(url), settings, snapshotReads);
    }

    /** A database reached through {@code connector}, which knows its URL (parsed, or asked of a DataSource's server). */
    MysqlDatabase(MysqlConnector connector, Map<String, String> settings, boolean snapshotReads) {
        this.url = connector.url();
        this.settings = Map.copyOf(settings);
        this.slicedReads = "true".equals(settings.get(io.decant.core.spi.OpenOptions.SLICED_READS));
        this.snapshotReads = snapshotReads && !slicedReads;
        this.connector = connector;
        this.journal = new io.decant.core.spi.JdbcJournal(connector::open,
                "CREATE TABLE IF NOT EXISTS `decant_journal` (seq BIGINT AUTO_INCREMENT PRIMARY KEY,"
                        + " run_id VARCHAR(64) NOT NULL, plan_hash VARCHAR(64) NOT NULL, event VARCHAR(32) NOT NULL,"
                        + " table_name VARCHAR(512), row_count BIGINT NOT NULL, at VARCHAR(40) NOT NULL, resume_at TEXT)"
                        + " ENGINE=InnoDB",
                "`decant_journal`");
        this.meta = connector.open();
        try (Statement s = meta.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION(), @@lower_case_table_names")) {
            rs.next();
            this.server = ServerInfo.parse(rs.getString(1), rs.getInt(2));
        } catch (SQLException e) {
            MysqlConnector.closeQuietly(meta);
            throw connector.error(e, ErrorContext.EMPTY.withPhase("connect"));
        }
        this.types = new TargetTypes(server);
    }

    @Override
    public String displayUrl() {
        return url.displayUrl();
    }

    @Override
    public String serverVersion() {
        return server.display();
    }

    @Override
    public String quoteIdentifier(String name) {
        return MysqlIdentifiers.quote(name);
    }

    @Override
    public synchronized List<Table> tables() {
        try {
            return new MysqlSchemaReader(meta, url.database(), server).tables();
        } catch (SQLException e) {
            throw connector.error(e, ErrorContext.EMPTY.withPhase("discover"));
        }
    }

    @Override
    public synchronized List<io.decant.core.schema.SchemaObject> objectsNotCreated(Table table) {
        try {
            return MysqlNotCreated.of(meta, url.database(), server, table.id().name());
        } catch (SQLException e) {
            throw connector.error(e, ErrorContext.EMPTY.withPhase("plan").withTable(table.id().display()));
        }
    }

    @Override
    public synchronized List<String> views() {
        try {
            return MysqlNotCreated.views(meta, url.database());
        } catch (SQLException e) {
            throw connector.error(e, ErrorContext.EMPTY.withPhase("plan"));
        }
    }

    @Override
    public synchronized List<String> checkNotes() {
        try {
            MysqlSchemaReader discovery = new MysqlSchemaReader(meta, url.database(), server);
            discovery.tables();
            return MysqlCheckNotes.collect(meta, url.database(), server, discovery);
        } catch (SQLException e) {
            throw connector.error(e, ErrorContext.EMPTY.withPhase("check"));
        }
    }

    @Override
    public synchronized long countRows(Table table) {
        try (Statement s = meta.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + MysqlIdentifiers.quote(table.name()))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw connector.error(e, ErrorContext.EMPTY.withPhase("count").withTable(table.id().display()));
        }
    }

    @Override
    public RowStream read(Table table, List<Column> columns) {
        MysqlSnapshot snap = snapshot();
        Connection leased = snap == null ? null : snap.borrow();
        return new MysqlRowStream(connector, table, columns, settings, leased, snap);
    }

    /**
     * Opens the run's snapshot at once (plan asks first, so a migration's snapshot is the moment its
     * plan was made), and says what a multi-table read gets.
     */
    @Override
    public String consistency() {
        MysqlSnapshot snap = snapshot();
        if (slicedReads) {
            return "none across slices: InnoDB cannot share a snapshot between connections, so each slice is read in a"
                    + " START TRANSACTION WITH CONSISTENT SNAPSHOT of its own and sees the moment it starts; a consistent"
                    + " copy needs a source that takes no writes during the run (a replica with replication stopped, or a"
                    + " maintenance window)";
        }
        if (!snapshotReads) {
            return "none: each table is read over its own connection, without a common snapshot";
        }
        return snap != null ? snap.description()
                : "none: each table is read over its own connection, without a common snapshot; one snapshot for all"
                + " tables needs the RELOAD privilege for a brief FLUSH TABLES WITH READ LOCK (GRANT RELOAD ON *.* TO"
                + " the user), which this user lacks";
    }

    /** Integer and text keys only ({@link MysqlSlices}); tables without one are read whole, and no table by blocks. */
    @Override
    public String sliceKey(Table table, Column candidate) {
        return MysqlSlices.splits(candidate) ? candidate.name() : null;
    }

    /** No snapshot to export: InnoDB's cannot be shared between connections ({@link MysqlSlices}). */
    @Override
    public io.decant.core.spi.SliceStats sliceStats(Table table, String keyColumn, int sampleRows, String snapshotId) {
        return MysqlSlices.stats(connector, url.database(), table, keyColumn, sampleRows);
    }

    @Override
    public RowStream readSlice(Table table, List<Column> columns, io.decant.core.spi.TableSlice slice, String snapshotId) {
        return MysqlRowStream.slice(connector, table, columns, settings, slice);
    }

    private synchronized MysqlSnapshot snapshot() {
        if (!snapshotTried && snapshotReads) {
            snapshotTried = true;
            snapshot = MysqlSnapshot.open(connector, SNAPSHOT_CONNECTIONS);
        }
        return snapshot;
    }

    @Override
    public TableId resolve(String name) {
        return TableId.of(server.lowerCaseTableNames() == 1 ? name.toLowerCase(Locale.ROOT) : name);
    }

    @Override
    public String nativeType(LogicalType type) {
        return types.nativeType(type);
    }

    /**
     * NOT NULL, no default, not AUTO_INCREMENT nor generated: in a strict session (decant's) an insert without it is
     * refused ("Field ... doesn't have a default value").
     */
    @Override
    public java.util.Set<String> mustBeFed(Table table) {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (java.sql.PreparedStatement ps = meta.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND IS_NULLABLE = 'NO' AND COLUMN_DEFAULT IS NULL"
                + " AND EXTRA NOT LIKE '%auto_increment%' AND EXTRA NOT LIKE '%GENERATED%'")) {
            ps.setString(1, table.id().name());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw MysqlErrors.map(e, displayUrl(), io.decant.core.error.ErrorContext.EMPTY.withPhase("plan")
                    .withTable(table.id().display()));
        }
        return out;
    }

    /** The writers the sink will build, built here for plan: one that cannot be is refused before a row moves. */
    @Override
    public java.util.Map<String, String> unwritable(Table table, List<Column> columns) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Column c : columns) {
            try {
                Writers.forColumn(table.name(), c);
            } catch (io.decant.core.error.DecantException e) {
                out.put(c.name(), e.detail());
            }
        }
        return out;
    }

    /**
     * Column names compare without case in MySQL and MariaDB. Table names follow the file system and
     * lower_case_table_names (case-sensitive on Linux by default), so they are not folded here.
     */
    @Override
    public boolean columnNamesIgnoreCase() {
        return true;
    }

    /** InnoDB keeps at most 1017 columns in a table (error 1117, or errno 185 "Too many columns" on MariaDB). */
    @Override
    public int maxColumns() {
        return 1017;
    }

    /** MySQL and MariaDB refuse a table, column, index or constraint name longer than 64 characters. */
    @Override
    public int maxIdentifierLength() {
        return 64;
    }

    @Override
    public int identifierLength(String name) {
        return name.codePointCount(0, name.length());
    }

    /**
     * Text and bytes in a created key, and in every column a foreign key joins to it, are VARCHAR and
     * VARBINARY, never LONGTEXT or LONGBLOB ({@link MysqlDdl}).
     */
    @Override
    public int keyTextLength() {
        return MysqlDdl.KEY_TEXT;
    }

    @Override
    public int maxKeyTextLength() {
        return MysqlDdl.MAX_KEY_TEXT;
    }

    @Override
    public int maxKeyBytes() {
        return MysqlDdl.MAX_KEY_BYTES;
    }

    /** InnoDB has no SET DEFAULT action (MysqlDdl leaves it out). */
    @Override
    public boolean keepsForeignKeyAction(String action) {
        return !action.strip().equalsIgnoreCase("SET DEFAULT");
    }

    @Override
    public LogicalType storedType(LogicalType type) {
        return types.storedType(type);
    }

    @Override
    public synchronized void createTables(List<Table> tables) {
        MysqlDdl ddl = new MysqlDdl(types, server);
        for (Table t : tables) {
            String sql = ddl.createTable(t);
            execute(sql, ErrorContext.EMPTY.withPhase("create").withTable(t.id().display()));
        }
    }

    @Override
    public List<String> ddl(List<Table> tables) {
        MysqlDdl ddl = new MysqlDdl(types, server);
        List<String> out = new java.util.ArrayList<>();
        tables.forEach(t -> out.add(ddl.createTable(t)));
        tables.forEach(t -> out.addAll(ddl.createIndexes(t, lobColumns(t))));
        tables.forEach(t -> out.addAll(ddl.addForeignKeys(t)));
        return out;
    }

    @Override
    public synchronized void createIndexesAndForeignKeys(List<Table> tables) {
        MysqlDdl ddl = new MysqlDdl(types, server);
        for (Table t : tables) {
            Set<String> lobs = lobColumns(t);
            for (String sql : ddl.createIndexes(t, lobs)) {
                execute(sql, ErrorContext.EMPTY.withPhase("index").withTable(t.id().display()));
            }
        }
        // Foreign keys after every index: a key needs an index on the referenced columns.
        for (Table t : tables) {
            for (String sql : ddl.addForeignKeys(t)) {
                execute(sql, ErrorContext.EMPTY.withPhase("foreign key").withTable(t.id().display()));
            }
        }
    }

    @Override
    public void truncate(List<Table> tables) {
        new Truncation(connector, url.database()).truncate(tables);
    }

    @Override
    public io.decant.core.spi.Journal journal() {
        return journal;
    }

    @Override
    public boolean commitsInChunks() {
        return true;
    }

    @Override
    public TableSink openSink(Table table, List<Column> columns, SinkOptions options) {
        return new MysqlTableSink(connector, table, columns, options, journal);
    }

    /**
     * InnoDB already moves AUTO_INCREMENT past explicitly inserted values; setting it again is cheap
     * and also covers engines and versions that do not (the server never sets it below MAX + 1).
     */
    @Override
    public synchronized void afterLoad(Table table) {
        ErrorContext ctx = ErrorContext.EMPTY.withPhase("after load").withTable(table.id().display());
        try (PreparedStatement ps = meta.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXTRA LIKE '%auto_increment%'")) {
            ps.setString(1, url.database());
            ps.setString(2, table.name());
            String column;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                column = rs.getString(1);
            }
            String max;
            try (Statement s = meta.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX("
                    + MysqlIdentifiers.quote(column) + ") + 1 FROM " + MysqlIdentifiers.quote(table.name()))) {
                rs.next();
                max = rs.getString(1);
            }
            if (max != null) {
                execute("ALTER TABLE " + MysqlIdentifiers.quote(table.name()) + " AUTO_INCREMENT = " + max, ctx);
            }
        } catch (SQLException e) {
            throw connector.error(e, ctx);
        }
    }

    @Override
    public synchronized void close() {
        if (snapshot != null) {
            snapshot.close();
        }
        MysqlConnector.closeQuietly(meta);
    }

    private Set<String> lobColumns(Table table) {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = meta.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND DATA_TYPE IN"
                + " ('tinytext', 'text', 'mediumtext', 'longtext', 'tinyblob', 'blob', 'mediumblob', 'longblob')")) {
            ps.setString(1, url.database());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw connector.error(e, ErrorContext.EMPTY.withPhase("index").withTable(table.id().display()));
        }
        return out;
    }

    private void execute(String sql, ErrorContext ctx) {
        try (Statement s = meta.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw connector.error(e, ctx);
        }
    }
}
