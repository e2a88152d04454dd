package io.decant.sqlite;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.LogicalType;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A SQLite file written to; created when missing. SQLite has one writer at a time, so every write
 * (DDL, truncate, each sink) takes the file's write permit first: parallel table loads queue in the
 * JVM instead of failing with SQLITE_BUSY. Another process writing the same file is waited for up
 * to {@link SqliteConnector#BUSY_TIMEOUT_MS}.
 */
final class SqliteTarget extends SqliteEndpoint implements TargetDatabase {
    private static final ConcurrentHashMap<Path, Semaphore> WRITE_PERMITS = new ConcurrentHashMap<>();
    private final Semaphore writePermit;
    private final io.decant.core.spi.JdbcJournal journal;

    SqliteTarget(SqliteUrl url) {
        super(url, SqliteConnector.openReadWrite(url.file()));
        this.writePermit = WRITE_PERMITS.computeIfAbsent(url.file().toAbsolutePath().normalize(), p -> new Semaphore(1));
        try (Statement s = meta.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
        } catch (SQLException e) {
            close();
            throw SqliteErrors.wrap(e, context(), "opening " + url.file());
        }
        this.journal = new io.decant.core.spi.JdbcJournal(() -> SqliteConnector.openReadWrite(url.file()),
                "CREATE TABLE IF NOT EXISTS decant_journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL,"
                        + " plan_hash TEXT NOT NULL, event TEXT NOT NULL, table_name TEXT, row_count INTEGER NOT NULL,"
                        + " at TEXT NOT NULL, resume_at TEXT)", "decant_journal");
    }

    @Override
    public List<Table> tables() {
        return discover();
    }

    /** SQLite has no schemas and matches names case-insensitively: an existing table keeps its spelling. */
    @Override
    public TableId resolve(String name) {
        for (Table t : tables()) {
            if (t.id().name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return t.id();
            }
        }
        return TableId.of(name);
    }

    /** SQLite compares a child's value with its parent's by value, whatever the columns' declared types. */
    /** A foreign key DEFERRABLE INITIALLY DEFERRED is checked at commit in SQLite too (its unique keys are not). */
    @Override
    public boolean keepsForeignKeyDeferral() {
        return true;
    }

    @Override
    public boolean joinsAnyTypes() {
        return true;
    }

    /**
     * NOT NULL, no default, not the table's rowid alias (INTEGER PRIMARY KEY, which SQLite fills) nor a generated
     * column (hidden 2 or 3 in table_xinfo).
     */
    @Override
    public java.util.Set<String> mustBeFed(Table table) {
        java.util.Set<String> out = new java.util.HashSet<>();
        String quoted = "\"" + table.id().name().replace("\"", "\"\"") + "\"";
        try (Statement s = meta.createStatement(); java.sql.ResultSet rs = s.executeQuery("PRAGMA table_xinfo(" + quoted + ")")) {
            java.util.List<String> pk = new java.util.ArrayList<>();
            java.util.Map<String, String> types = new java.util.HashMap<>();
            while (rs.next()) {
                String name = rs.getString("name");
                if (rs.getInt("pk") > 0) {
                    pk.add(name);
                    types.put(name, rs.getString("type"));
                }
                if (rs.getInt("notnull") == 1 && rs.getString("dflt_value") == null && rs.getInt("hidden") == 0) {
                    out.add(name);
                }
            }
            if (pk.size() == 1 && "INTEGER".equalsIgnoreCase(types.get(pk.get(0)))) {
                out.remove(pk.get(0)); // the rowid alias: SQLite gives it the next rowid
            }
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, context(), "reading which columns of " + table.id().display() + " need a value");
        }
        return out;
    }

    /** SQLITE_MAX_COLUMN as SQLite is built by default (and by sqlite-jdbc): 2000. */
    @Override
    public int maxColumns() {
        return 2000;
    }

    /** SQLite compares identifiers without (ASCII) case: {@code "Users"} and {@code users} are one table. */
    @Override
    public boolean tableNamesIgnoreCase() {
        return true;
    }

    @Override
    public boolean columnNamesIgnoreCase() {
        return true;
    }

    @Override
    public String nativeType(LogicalType type) {
        return NativeTypes.declared(type);
    }

    @Override
    public LogicalType storedType(LogicalType type) {
        return NativeTypes.stored(type);
    }

    @Override
    public io.decant.core.transform.Conversion writeCheck(LogicalType type, String nativeType) {
        ValueBinder.NumericCheck check = ValueBinder.numericCheck(type, nativeType);
        return check == null ? null : new io.decant.core.transform.Conversion(type, type, check::check, ValueBinder.RULE_DECIMAL);
    }

    @Override
    public void createTables(List<Table> tables) {
        inWriteTransaction("creating tables", tableStatements(tables));
    }

    private List<String> tableStatements(List<Table> tables) {
        Set<String> parents = new HashSet<>();
        tables().forEach(t -> parents.add(t.id().name().toLowerCase(Locale.ROOT)));
        tables.forEach(t -> parents.add(t.id().name().toLowerCase(Locale.ROOT)));
        List<String> out = new java.util.ArrayList<>();
        for (Table t : tables) {
            out.add(SqliteDdl.createTable(t, name -> parents.contains(name.toLowerCase(Locale.ROOT))));
            out.addAll(SqliteDdl.createReferencedIndexes(t, tables));
        }
        return out;
    }

    @Override
    public List<String> ddl(List<Table> tables) {
        // A unique index a foreign key references comes with its table already (SqliteDdl.createReferencedIndexes).
        java.util.Set<String> out = new java.util.LinkedHashSet<>(tableStatements(tables));
        tables.forEach(t -> out.addAll(SqliteDdl.createIndexes(t)));
        return List.copyOf(out);
    }

    /** Indexes only: foreign keys were declared by {@link #createTables} (see {@link SqliteDdl}). */
    @Override
    public void createIndexesAndForeignKeys(List<Table> tables) {
        inWriteTransaction("creating indexes", tables.stream().flatMap(t -> SqliteDdl.createIndexes(t).stream()).toList());
    }

    @Override
    public void truncate(List<Table> tables) {
        inWriteTransaction("emptying tables",
                tables.stream().map(t -> "DELETE FROM " + SqliteIdentifiers.quote(t.id().name())).toList());
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
        return new SqliteTableSink(url, table, columns, options, writePermit, journal);
    }

    private void inWriteTransaction(String doing, List<String> statements) {
        if (statements.isEmpty()) {
            return;
        }
        writePermit.acquireUninterruptibly();
        try {
            synchronized (this) {
                String current = null;
                try (Statement s = meta.createStatement()) {
                    s.execute("BEGIN IMMEDIATE");
                    try {
                        for (String sql : statements) {
                            current = sql;
                            s.execute(sql);
                        }
                        s.execute("COMMIT");
                    } catch (SQLException e) {
                        s.execute("ROLLBACK");
                        throw e;
                    }
                } catch (SQLException e) {
                    throw SqliteErrors.wrap(e, context().withPhase("schema"),
                            doing + (current == null ? "" : " (" + firstLine(current) + ")"));
                }
            }
        } finally {
            writePermit.release();
        }
    }

    private static String firstLine(String sql) {
        int nl = sql.indexOf('\n');
        return nl < 0 ? sql : sql.substring(0, nl).trim();
    }
}
