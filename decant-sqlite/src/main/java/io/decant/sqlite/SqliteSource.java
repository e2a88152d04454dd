package io.decant.sqlite;

import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.transform.Conversions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A SQLite file read without ever being written: every connection is opened read-only. */
class SqliteSource extends SqliteEndpoint implements SourceDatabase {
    /** A NOT NULL column refuses NULL on every write. */
    @Override
    public boolean enforcesNotNull() {
        return true;
    }

    private final Conversions conversions = Conversions.utc();
    private List<Table> tables;

    /** The file's descriptor for reading its pages ({@link PageFiles}), held from here until after the metadata connection closes. */
    private final PageFiles.Lease pageFile;

    SqliteSource(SqliteUrl url) {
        super(url, SqliteConnector.openReadOnly(url.file()));
        this.pageFile = PageFiles.open(url.file());
    }

    @Override
    public synchronized void close() {
        try {
            super.close();
        } finally {
            if (pageFile != null) {
                pageFile.close();
            }
        }
    }

    @Override
    public synchronized List<Table> tables() {
        if (tables == null) {
            tables = discover();
        }
        return tables;
    }

    @Override
    public synchronized long countRows(Table table) {
        try {
            return SqliteSchemaReader.count(meta, table.id().name());
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, ErrorContext.EMPTY.withPhase("count").withTable(table.id().display()),
                    "counting the rows of " + table.id().display());
        }
    }

    /**
     * SQLite lets a PRIMARY KEY column that is not the rowid alias hold NULL (a bug kept for
     * compatibility), and such rows are refused by every other database's primary key. Counted with
     * the key's own index, so the count costs little.
     */
    @Override
    public synchronized List<String> valueNotes(Table table) {
        List<String> nullable = table.primaryKey().stream()
                .filter(k -> table.findColumn(k).map(Column::nullable).orElse(false)).toList();
        if (nullable.isEmpty()) {
            return List.of();
        }
        String where = String.join(" OR ", nullable.stream().map(k -> SqliteIdentifiers.quote(k) + " IS NULL").toList());
        long n;
        try (java.sql.Statement s = meta.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SqliteIdentifiers.quote(table.id().name()) + " WHERE " + where)) {
            rs.next();
            n = rs.getLong(1);
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, ErrorContext.EMPTY.withPhase("plan").withTable(table.id().display()),
                    "counting rows with NULL in the primary key of " + table.id().display());
        }
        if (n == 0) {
            return List.of();
        }
        String filter = String.join(" && ", nullable.stream().map(k -> k + " != null").toList());
        return List.of(n + (n == 1 ? " row has" : " rows have") + " NULL in primary key column"
                + (nullable.size() == 1 ? " " : "s ") + String.join(", ", nullable)
                + " (SQLite allows it where the key is not the rowid); a primary key on the target refuses NULL:"
                + " leave them out with where: \"" + filter + "\" in the spec");
    }

    @Override
    public synchronized List<io.decant.core.schema.SchemaObject> objectsNotCreated(Table table) {
        try {
            return SqliteNotCreated.of(meta, table.id().name());
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, ErrorContext.EMPTY.withPhase("plan").withTable(table.id().display()),
                    "reading the indexes, checks and triggers of " + table.id().display());
        }
    }

    @Override
    public synchronized List<String> views() {
        try {
            return SqliteNotCreated.views(meta);
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, ErrorContext.EMPTY.withPhase("plan"), "listing the views");
        }
    }

    @Override
    public RowStream read(Table table, List<Column> columns) {
        ReadPlan plan = ReadPlan.of(table, columns, conversions);
        Connection c = SqliteConnector.openReadOnly(file());
        return new SqliteRowStream(plan, c, file(), pageFile, rowid(table));
    }

    /**
     * No, although every stream {@link #read} returns can ({@link SqliteRowStream#nextCanonical}, which verify
     * uses when the file is the target): as a source, the reading thread never waits on a server, as a
     * PostgreSQL reader does, so hashing there lengthens the pass; verify's workers hash the rows instead.
     * Measured both ways, through the driver and from the table's pages ({@link TablePages}), in
     * docs/benchmarks.md: "Verify per-row work (2026-12-07)" and "SQLite read from its pages".
     */
    @Override
    public boolean readsCanonical() {
        return false;
    }

    /** Per table: the name its rowid is selected by, or "" for a table without rowid. */
    private final java.util.Map<String, String> rowids = new java.util.HashMap<>();

    /**
     * A rowid table is read in rowid order, which is its b-tree's own order and costs nothing; a
     * position is the last rowid read and the file's state, since rowids of a table without an
     * INTEGER PRIMARY KEY may change when the file is written (VACUUM). Tables WITHOUT ROWID are not
     * read part-way.
     */
    @Override
    public String resumeOrder(Table table) {
        return rowid(table) == null ? null : "by rowid, while the file is unchanged";
    }

    private synchronized String rowid(Table table) {
        String name = rowids.computeIfAbsent(table.id().name(), t -> {
            for (String alias : List.of("_rowid_", "rowid", "oid")) {
                if (table.findColumn(alias).isEmpty()) {
                    try (java.sql.Statement s = meta.createStatement()) {
                        s.executeQuery("SELECT " + alias + " FROM " + SqliteIdentifiers.quote(t) + " LIMIT 0").close();
                        return alias;
                    } catch (SQLException e) {
                        return ""; // WITHOUT ROWID
                    }
                }
            }
            return "";
        });
        return name.isEmpty() ? null : name;
    }

    @Override
    public RowStream readFrom(Table table, List<Column> columns, String after) {
        String rowid = rowid(table);
        if (rowid == null) {
            throw new UnsupportedOperationException(table.id().display() + " has no rowid");
        }
        String now = fingerprint();
        Long afterRowid = null;
        if (after != null) {
            int space = after.indexOf(' ');
            String then = space < 0 ? "" : after.substring(space + 1);
            if (space < 0 || !then.equals(now)) {
                throw new io.decant.core.error.DecantException(io.decant.core.error.ErrorCode.PARTIAL_RUN,
                        context().withTable(table.id().display()),
                        origin() + " changed since the interrupted run committed part of " + table.id().display()
                                + " (then: " + then + "; now: " + now + "), so its rowids may no longer mean the same rows"
                                + " and the table cannot continue where it stopped; start over with --truncate-first --yes");
            }
            afterRowid = Long.parseLong(after.substring(0, space));
        }
        ReadPlan plan = ReadPlan.of(table, columns, conversions, rowid, afterRowid != null);
        Connection c = SqliteConnector.openReadOnly(file());
        return new SqliteRowStream(plan, c, afterRowid == null ? List.of() : List.of(afterRowid), now, file(), pageFile, rowid);
    }

    /**
     * A rowid table is split by rowid ranges, sized from a sample of its rowids, so that rowids with gaps still give
     * slices of even size; a table WITHOUT ROWID is read whole, in one slice.
     */
    @Override
    public String sliceKey(Table table, Column candidate) {
        return rowid(table);
    }

    /**
     * Counts the rows and samples the rowids in one read transaction: every rowid when the table is not much larger
     * than the sample, otherwise those a fixed hash keeps (the same sample for the same file, so that a resumed run
     * cuts the same slices).
     */
    @Override
    public io.decant.core.spi.SliceStats sliceStats(Table table, String keyColumn, int sampleRows, String snapshot) {
        String rowid = sliceRowid(table, keyColumn);
        String name = SqliteIdentifiers.quote(table.id().name());
        Connection c = SqliteConnector.openReadOnly(file());
        try {
            c.setAutoCommit(false);
            long rows;
            try (java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM " + name)) {
                rs.next();
                rows = rs.getLong(1);
            }
            List<String> sample = new java.util.ArrayList<>();
            if (rowid != null && rows > 0) {
                long kept = (long) Math.ceil((double) sampleRows / rows * HASH_SPACE);
                String sql = "SELECT " + rowid + " FROM " + name + (kept >= HASH_SPACE / 2 ? ""
                        : " WHERE abs(" + rowid + " % " + HASH_SPACE + ") * 7919 % " + HASH_SPACE + " < " + kept)
                        + " ORDER BY " + rowid;
                try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        sample.add(Long.toString(rs.getLong(1)));
                    }
                }
            }
            c.commit();
            return new io.decant.core.spi.SliceStats(rows, true, 0, sample);
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, context().withPhase("split").withTable(table.id().display()),
                    "sizing " + table.id().display() + " for splitting");
        } finally {
            SqliteConnector.close(c);
        }
    }

    /** A prime: rowids are kept by their residue times another prime, which spreads a run of rowids evenly. */
    private static final long HASH_SPACE = 1_000_003L;

    @Override
    public RowStream readSlice(Table table, List<Column> columns, io.decant.core.spi.TableSlice slice, String snapshot) {
        if (slice.isWhole()) {
            return read(table, columns);
        }
        String rowid = sliceRowid(table, slice.keyColumn());
        List<Long> bounds = new java.util.ArrayList<>();
        for (String b : new String[] {slice.low(), slice.high()}) {
            if (b != null) {
                bounds.add(Long.parseLong(b));
            }
        }
        ReadPlan plan = ReadPlan.slice(table, columns, conversions, rowid, slice.low() != null, slice.high() != null);
        return new SqliteRowStream(plan, SqliteConnector.openReadOnly(file()), bounds, fingerprint(), file(), pageFile, rowid);
    }

    /** The rowid a slice of {@code table} is bounded by: {@code key} must be the one {@link #sliceKey} named. */
    private String sliceRowid(Table table, String key) {
        String rowid = rowid(table);
        if (key != null && !key.equals(rowid)) {
            throw new UnsupportedOperationException(table.id().display() + " is split by its rowid, not by " + key);
        }
        return key == null ? null : rowid;
    }

    /** What the rows come from, for messages: the file, or (for a script) the script. */
    protected String origin() {
        return "the SQLite file";
    }

    /** The file's size and modification time, and its write-ahead log's: any write changes one of them. */
    protected String fingerprint() {
        java.nio.file.Path f = file();
        java.nio.file.Path wal = f.resolveSibling(f.getFileName() + "-wal");
        return state("file", f) + (java.nio.file.Files.exists(wal) ? ", " + state("wal", wal) : "");
    }

    static String state(String what, java.nio.file.Path p) {
        try {
            return what + " " + java.nio.file.Files.size(p) + " bytes modified "
                    + java.nio.file.Files.getLastModifiedTime(p).toInstant();
        } catch (java.io.IOException e) {
            return what + " unreadable";
        }
    }

    @Override
    public String consistency() {
        return "per table: each table is read in its own read transaction on its own connection, so a process"
                + " writing to the file meanwhile can make tables disagree (a child row whose parent came later);"
                + " stop writers or copy the file first for one snapshot of all tables";
    }

    @Override
    protected List<String> extraNotes() {
        long fks = tables().stream().mapToLong(t -> t.foreignKeys().size()).sum();
        if (fks == 0) {
            return List.of();
        }
        return List.of(fks + " foreign keys declared; SQLite enforces them only when a connection turns"
                + " PRAGMA foreign_keys on (D1 did not always), so the data may hold orphans: plan with orphans: report");
    }
}
