package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.EncodedRowStream;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowEncoding;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PostgreSQL database as a source and a target. Catalog queries and DDL share one connection
 * (opened on first use, used under this object's lock); every row stream and every sink has a
 * connection of its own, so tables can be read and loaded in parallel.
 *
 * <p>Why over 400 lines: this class is the two SPI interfaces' one implementation for PostgreSQL,
 * and most methods are a few lines handing over to the class that does the work (PgSchemaReader,
 * PgCheckNotes, PgDdl, PgCopyRowStream, PgTableSink, PgJournal); what stays here is what needs the
 * shared catalog connection and its lock (creating tables, truncating, running DDL in one transaction).
 */
final class PostgresDatabase implements SourceDatabase, TargetDatabase {
    /** A NOT NULL column refuses NULL on every write. */
    @Override
    public boolean enforcesNotNull() {
        return true;
    }

    private final PgConnector connector;
    /** Sinks' and the journal's connections, kept from one use to the next. */
    private final IdleConnections idleConnections;
    private final List<String> schemas;
    private final PgSnapshot snapshot;
    private final PgJournal journal;
    /** Whether tables an extension owns are migrated (as pg_dump, decant leaves them to CREATE EXTENSION by default). */
    private final boolean extensionTables;
    private Connection meta;
    /** Tables others inherit from, read with ONLY ({@link PgSchemaReader}); filled by {@link #tables()}. */
    private final Set<TableId> inheritanceParents = java.util.concurrent.ConcurrentHashMap.newKeySet();

    PostgresDatabase(PgUrl url, OpenOptions options) {
        this(new PgConnector(url), options);
    }

    PostgresDatabase(PgConnector connector, OpenOptions options) {
        this.connector = connector;
        this.idleConnections = new IdleConnections(connector,
                Boolean.parseBoolean(options.setting(OpenOptions.KEEP_IDLE_CONNECTIONS, "true")) ? IdleConnections.MAX_IDLE : 0);
        this.schemas = options.schemas().isEmpty() ? List.of(PgIdentifiers.DEFAULT_SCHEMA) : options.schemas();
        this.journal = new PgJournal(connector, idleConnections, options.setting(OpenOptions.JOURNAL_SCHEMA, PgJournal.DEFAULT_SCHEMA), schemas.get(0));
        boolean shared = Boolean.parseBoolean(options.setting("postgres.snapshot", "true"));
        this.snapshot = new PgSnapshot(connector, shared);
        this.extensionTables = parseExtensionTables(options.setting(OpenOptions.EXTENSION_TABLES, "skip"));
        // Connect now: a wrong URL or password should fail at open, not at the first query.
        meta();
    }

    private synchronized Connection meta() {
        if (meta == null) {
            meta = connector.open();
        }
        return meta;
    }

    @Override
    public String displayUrl() {
        return connector.url().display();
    }

    @Override
    public synchronized String serverVersion() {
        String v = queryString("SHOW server_version", "reading the server version");
        int space = v.indexOf(' ');
        return "PostgreSQL " + (space < 0 ? v : v.substring(0, space));
    }

    @Override
    public synchronized List<Table> tables() {
        try {
            return PgSchemaReader.tables(meta(), schemas, inheritanceParents, extensionTables);
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("discover"), "reading the catalog");
        }
    }

    @Override
    public synchronized List<String> schemaNames() {
        List<String> names = new ArrayList<>();
        try (Statement s = meta().createStatement();
             ResultSet rs = s.executeQuery("SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                     + " AND nspname <> 'information_schema' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("discover"), "listing the schemas");
        }
    }

    @Override
    public synchronized List<String> checkNotes() {
        List<String> notes = new ArrayList<>();
        notes.add("server: " + serverVersion());
        notes.addAll(PgCheckNotes.collect(meta(), schemas, extensionTables));
        notes.add("consistency: " + consistency());
        return notes;
    }

    /**
     * Every valid unique index of the table over plain columns, not partial (a primary key's and a
     * unique constraint's included, under the constraint's name). An index left invalid by a failed
     * CREATE INDEX CONCURRENTLY is not counted: the rows it was built over were never all checked.
     */
    @Override
    public synchronized Map<List<String>, String> enforcedUniqueKeys(Table table) {
        Map<List<String>, String> keys = new LinkedHashMap<>();
        String sql = """
                SELECT coalesce(con.conname, ic.relname),
                       ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
                             JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.ord)
                FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
                LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                     AND con.contype IN ('p', 'u')
                WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indisvalid AND i.indexprs IS NULL
                  AND i.indpred IS NULL AND NOT (0 = ANY (i.indkey::int2[]))
                ORDER BY i.indisprimary DESC, 1""";
        try (PreparedStatement s = meta().prepareStatement(sql)) {
            s.setString(1, PgIdentifiers.table(table.id()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> columns = List.of((String[]) rs.getArray(2).getArray());
                    keys.putIfAbsent(columns, rs.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withTable(table.id().display()), "reading the table's unique keys");
        }
    }

    @Override
    public synchronized List<io.decant.core.schema.SchemaObject> objectsNotCreated(Table table) {
        try {
            return PgNotCreated.of(meta(), table);
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("plan").withTable(table.id().display()),
                    "reading the table's indexes, constraints and triggers");
        }
    }

    @Override
    public synchronized List<String> views() {
        try {
            return PgNotCreated.views(meta(), schemas);
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("plan"), "listing the views");
        }
    }

    @Override
    public synchronized long countRows(Table table) {
        try (Statement s = meta().createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + PgIdentifiers.from(table.id(), inheritanceParents))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withTable(table.id().display()), "counting rows");
        }
    }

    @Override
    public boolean readsCanonical() {
        return true;
    }

    @Override
    public RowStream read(Table table, List<Column> columns) {
        return new PgCopyRowStream(connector, table, columns, snapshot.id(), null, null, inheritanceParents);
    }

    /**
     * A table with a one-column primary key of a type whose text form reads back exactly (integers,
     * text, uuid, numeric, date) is read ordered by it, and continues after the last key committed.
     * Rows inserted meanwhile with a smaller key, or changed in rows already copied, are not seen by
     * the continued read (it takes a new snapshot); verify shows them.
     */
    @Override
    public String resumeOrder(Table table) {
        Column key = orderKey(table);
        return key == null ? null : "by primary key " + key.name();
    }

    private Column orderKey(Table table) {
        if (table.primaryKey().size() != 1) {
            return null;
        }
        Column key = table.findColumn(table.primaryKey().get(0)).orElse(null);
        if (key == null || key.sourceType() == null || !key.isSupported()) {
            return null;
        }
        return switch (key.type().kind()) {
            case TEXT, UUID, DECIMAL, DATE -> key;
            default -> key.type().kind().isInteger() ? key : null;
        };
    }

    @Override
    public RowStream readFrom(Table table, List<Column> columns, String after) {
        Column key = orderKey(table);
        if (key == null) {
            throw new UnsupportedOperationException(table.id().display() + " cannot be read in key order");
        }
        return new PgCopyRowStream(connector, table, columns, snapshot.id(), key, after, inheritanceParents);
    }

    /**
     * Rows pass through in binary COPY form when the sink takes that form from a server of the same
     * major version and every column has there the same built-in type as here ({@link PgWireForm}).
     */
    @Override
    public EncodedRowStream readEncoded(Table table, List<Column> columns, RowEncoding encoding, boolean inOrder,
                                        String after) {
        if (columns.isEmpty() || columns.stream().anyMatch(c -> !c.isSupported())) {
            return null;
        }
        Column key = inOrder ? orderKey(table) : null;
        if (inOrder && key == null) {
            throw new UnsupportedOperationException(table.id().display() + " cannot be read in key order");
        }
        RowEncoding mine;
        synchronized (this) {
            try {
                mine = PgWireForm.encoding(PgWireForm.format(meta()), columns.stream().map(Column::name).toList(),
                        PgWireForm.columnTypes(meta(), table.id()));
            } catch (SQLException e) {
                throw PgErrors.map(e, ErrorContext.EMPTY.withTable(table.id().display()), "reading column types");
            }
        }
        if (!encoding.equals(mine)) {
            return null;
        }
        return new PgEncodedRowStream(connector, table, columns, snapshot.id(), key, after, inheritanceParents);
    }

    /** The shared snapshot (pg_export_snapshot), exported now if no read has yet; held until this source is closed. */
    @Override
    public String exportSnapshot() {
        return snapshot.id();
    }

    /** See {@link PgSliceStats}. */
    @Override
    public io.decant.core.spi.SliceStats sliceStats(Table table, String keyColumn, int sampleRows, String snapshotId) {
        return PgSliceStats.of(connector, table, keyColumn, sampleRows, snapshotId, inheritanceParents);
    }

    /** A slice read with binary COPY, as {@link #read} reads a table, inside the given snapshot. */
    @Override
    public RowStream readSlice(Table table, List<Column> columns, io.decant.core.spi.TableSlice slice, String snapshotId) {
        if (slice.keyColumn() == null && !slice.isWhole() && inheritanceParents.contains(table.id())) {
            throw new UnsupportedOperationException(table.id().display() + " has children: it cannot be split by blocks");
        }
        return new PgCopyRowStream(connector, table, columns, snapshotId, null, null, inheritanceParents,
                PgCopyRowStream.sliceCondition(table, slice));
    }

    private static boolean parseExtensionTables(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "skip" -> false;
            case "include" -> true;
            default -> throw new DecantException(ErrorCode.USAGE, ErrorContext.EMPTY,
                    OpenOptions.EXTENSION_TABLES + " must be skip or include, not '" + s + "'");
        };
    }

    @Override
    public String consistency() {
        return snapshot.describe();
    }

    @Override
    public TableId resolve(String name) {
        return PgIdentifiers.tableId(schemas.get(0), name);
    }

    /** A table from a non-default source schema (Supabase's auth) keeps its schema. */
    @Override
    public TableId resolve(String sourceSchema, String name) {
        return sourceSchema == null ? resolve(name) : PgIdentifiers.tableId(sourceSchema, name);
    }

    @Override
    public boolean commitsInChunks() {
        return true;
    }

    @Override
    public io.decant.core.spi.Journal journal() {
        return journal;
    }

    @Override
    public String nativeType(LogicalType type) {
        return PgTypeMapping.nativeType(type);
    }

    @Override
    public boolean keepsDeclaredType(String nativeType) {
        return PgDdl.blankPadded(nativeType);
    }

    /** Another PostgreSQL database's type, created as it is spelled there (enums, domains and extensions must exist here). */
    @Override
    public String nativeColumnType(String nativeType) {
        return nativeType.startsWith(PgSchemaReader.NATIVE_PREFIX) ? nativeType.substring(PgSchemaReader.NATIVE_PREFIX.length()) : null;
    }

    @Override
    public boolean keepsDeferral() {
        return true;
    }

    @Override
    public boolean keepsForeignKeyDeferral() {
        return true;
    }

    /** NULLS NOT DISTINCT came with PostgreSQL 15. */
    @Override
    public synchronized boolean keepsNullsNotDistinct() {
        try {
            return Integer.parseInt(queryString("SHOW server_version_num", "reading the server version")) >= 150000;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Types plan has asked after, and whether this database has each. */
    private final java.util.Map<String, Boolean> typesHere = new java.util.HashMap<>();

    /** A type as format_type spelled it in the source, looked up as CREATE TABLE would look it up here. */
    @Override
    public synchronized String missingType(String createdType) {
        Boolean here = typesHere.get(createdType);
        if (here == null) {
            try {
                here = queryBoolean("SELECT pg_catalog.to_regtype(?) IS NOT NULL", createdType);
            } catch (SQLException e) {
                throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("plan"), "looking up type " + createdType + " in the target");
            }
            typesHere.put(createdType, here);
        }
        return here ? null : "the target database has no type " + createdType;
    }

    /**
     * An enum is kept where this database's type of that name is an enum whose labels include the source's, in the
     * source's order (equal, or with labels added since, as the application's migrations do with ALTER TYPE ... ADD
     * VALUE): every source value is a label here and they sort as in the source. A domain is kept where this
     * database's type of that name is a domain over the same base type; its CHECK applies as rows load, so a value
     * it refuses is a row error, as for a table that already exists.
     */
    @Override
    public synchronized String ownTypeNotKept(String nativeType, String ownType) {
        String spelled = nativeColumnType(nativeType);
        if (spelled == null || ownType == null) {
            return "the source's type is not another PostgreSQL database's";
        }
        boolean isEnum = ownType.startsWith("enum ");
        String type = isEnum && spelled.endsWith("[]") ? spelled.substring(0, spelled.length() - 2) : spelled;
        String definition = ownType.substring(ownType.indexOf(' ') + 1);
        try {
            if (isEnum) {
                String[] source;
                String[] here;
                try (PreparedStatement ps = meta().prepareStatement("SELECT ?::text[], (SELECT ARRAY(SELECT"
                        + " l.enumlabel::text FROM pg_catalog.pg_enum l WHERE l.enumtypid = t.oid ORDER BY l.enumsortorder)"
                        + " FROM pg_catalog.pg_type t WHERE t.oid = pg_catalog.to_regtype(?) AND t.typtype = 'e'),"
                        + " (SELECT string_agg(pg_catalog.quote_literal(x), ', ') FROM unnest(?::text[]) x)")) {
                    ps.setString(1, definition);
                    ps.setString(2, type);
                    ps.setString(3, definition);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        source = (String[]) rs.getArray(1).getArray();
                        here = rs.getArray(2) == null ? null : (String[]) rs.getArray(2).getArray();
                        String create = "create it on the target first (CREATE TYPE " + type + " AS ENUM ("
                                + rs.getString(3) + "), or the application's migrations) to keep it an enum";
                        if (here == null) {
                            return "the target database has no enum " + type + "; " + create;
                        }
                    }
                }
                int at = 0;
                for (String label : source) {
                    while (at < here.length && !here[at].equals(label)) {
                        at++;
                    }
                    if (at == here.length) {
                        return "the target's enum " + type + " has the labels " + String.join(", ", here) + ", which do not"
                                + " include the source's " + String.join(", ", source) + " in that order, so a source value"
                                + " could be refused or sort otherwise; give the target's enum the source's labels (ALTER TYPE "
                                + type + " ADD VALUE ...) to keep it an enum";
                    }
                    at++;
                }
                return null;
            }
            String base;
            try (PreparedStatement ps = meta().prepareStatement("SELECT pg_catalog.format_type(t.typbasetype, t.typtypmod)"
                    + " FROM pg_catalog.pg_type t WHERE t.oid = pg_catalog.to_regtype(?) AND t.typtype = 'd'")) {
                ps.setString(1, type);
                try (ResultSet rs = ps.executeQuery()) {
                    base = rs.next() ? rs.getString(1) : null;
                }
            }
            // "domain integer\nNOT NULL CHECK (...)": the base type, then what the source's domain checks.
            int end = definition.indexOf('\n');
            String source = end < 0 ? definition : definition.substring(0, end);
            String checks = end < 0 ? "" : definition.substring(end + 1);
            String create = "CREATE DOMAIN " + type + " AS " + source + (checks.isEmpty() ? "" : " " + checks);
            if (base == null) {
                return "the target database has no domain " + type + "; create it on the target first (" + create
                        + ", or the application's migrations) to keep it a domain, whose checks then apply as rows load";
            }
            return base.equals(source) ? null : "the target's domain " + type + " is over " + base + ", not " + source
                    + " as in the source; create it as the source has it (" + create + ") to keep it a domain";
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("plan"), "looking up type " + type + " in the target");
        }
    }

    /** Another PostgreSQL database's index, as pg_get_indexdef spells it after the table's name. */
    @Override
    public boolean buildsIndexDefinition(String definition) {
        return definition.startsWith(PgSchemaReader.NATIVE_PREFIX);
    }

    /** Collations plan has asked after, and whether this database has each. */
    private final java.util.Map<String, Boolean> collationsHere = new java.util.HashMap<>();

    /**
     * A collation as the created column names it, looked up as CREATE TABLE would: by the search path, for this
     * database's encoding or for any (the built-in "C", "POSIX", ICU collations).
     */
    @Override
    public synchronized String missingCollation(String collation) {
        Boolean here = collationsHere.get(collation);
        if (here == null) {
            try {
                here = queryBoolean("""
                        SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_collation c WHERE c.collname = ?
                            AND c.collencoding IN (-1, pg_catalog.pg_char_to_encoding(pg_catalog.getdatabaseencoding()))
                            AND pg_catalog.pg_collation_is_visible(c.oid))""", collation);
            } catch (SQLException e) {
                throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("plan"), "looking up collation " + collation + " in the target");
            }
            collationsHere.put(collation, here);
        }
        return here ? null : "the target database has no collation " + collation + " for its encoding";
    }

    /**
     * The computed column's expression, analysed here as CREATE TABLE would analyse it, over the created table's
     * other columns in their created types: a statement is prepared (parsed and its names looked up, nothing run or
     * written) and deallocated, and the database's own words say what it lacks.
     */
    @Override
    public synchronized String uncomputable(Table table, Column column) {
        String declared = PgDdl.columnType(column);
        int at = declared.indexOf(" GENERATED ALWAYS AS (");
        int end = declared.lastIndexOf(") STORED");
        if (at < 0 || end < at) {
            return null;
        }
        String expression = declared.substring(at + " GENERATED ALWAYS AS ".length(), end + 1);
        List<String> columns = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.identity() == Column.Identity.COMPUTED) {
                continue;
            }
            String type = PgDdl.typeAlone(c);
            if (missingType(type) != null || c.collation() != null && missingCollation(c.collation()) != null) {
                return null; // that column is refused already
            }
            columns.add("NULL::" + type + (c.collation() == null ? "" : " COLLATE " + PgIdentifiers.quote(c.collation()))
                    + " AS " + PgIdentifiers.quote(c.name()));
        }
        String sql = "PREPARE decant_plan_computed AS SELECT " + expression + " FROM (SELECT "
                + (columns.isEmpty() ? "1" : String.join(", ", columns)) + ") AS " + PgIdentifiers.quote(table.id().name());
        try (Statement s = meta().createStatement()) {
            try {
                s.execute(sql);
            } catch (SQLException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                return "the target database cannot compute its expression " + expression + " (" + message.replaceFirst("^ERROR: ", "") + ")";
            }
            s.execute("DEALLOCATE decant_plan_computed");
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("plan").withTable(table.id().display()),
                    "checking the expression of computed column " + column.name());
        }
        return null;
    }

    @Override
    public boolean createsCollations() {
        return true;
    }

    /**
     * Byte order (SQLite BINARY, a MySQL binary collation) is "C": PostgreSQL compares UTF-8 text under "C" by its
     * bytes, which is also code point order. A PostgreSQL column's own collation is kept by name. Case-insensitive
     * rules (SQLite NOCASE, MySQL *_ci) and SQLite RTRIM have no built-in equal here: null, the database default.
     */
    @Override
    public String createdCollation(String sourceCollation) {
        if (sourceCollation == null) {
            return null;
        }
        if (sourceCollation.startsWith(PgSchemaReader.NATIVE_PREFIX)) {
            return sourceCollation.substring(PgSchemaReader.NATIVE_PREFIX.length());
        }
        String c = sourceCollation.toLowerCase(java.util.Locale.ROOT);
        if (c.equals("sqlite binary") || c.equals("mysql binary") || (c.startsWith("mysql ") && c.endsWith("_bin"))) {
            return "C";
        }
        return null;
    }

    /** The target's types, read once for a plan's write-mapping checks (one table after another). */
    private PgTypeCatalog planTypes;

    @Override
    public synchronized java.util.Map<String, String> unwritable(Table table, List<Column> columns) {
        try {
            if (planTypes == null) {
                planTypes = PgTypeCatalog.load(meta());
            }
            return PgWriteMapping.problems(meta(), planTypes, table, columns);
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("plan").withTable(table.id().display()),
                    "reading the target columns' types");
        }
    }

    /** NOT NULL, no default of its own nor of its domain, not an identity or a generated column. */
    @Override
    public synchronized java.util.Set<String> mustBeFed(Table table) {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement ps = meta().prepareStatement("""
                SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                WHERE a.attrelid = pg_catalog.to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
                  AND a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = ''
                  AND t.typdefault IS NULL""")) {
            ps.setString(1, PgIdentifiers.table(table.id()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("plan").withTable(table.id().display()),
                    "reading which target columns need a value");
        }
        return out;
    }

    /** MaxHeapAttributeNumber: CREATE TABLE refuses more ("tables can have at most 1600 columns"). */
    @Override
    public int maxColumns() {
        return 1600;
    }

    /** NAMEDATALEN - 1 bytes; PostgreSQL would silently cut a longer name (see {@link PgIdentifiers}). */
    @Override
    public int maxIdentifierLength() {
        return PgIdentifiers.MAX_IDENTIFIER_BYTES;
    }

    @Override
    public synchronized void createTables(List<Table> tables) {
        List<String> statements = new ArrayList<>();
        Set<String> newSchemas = new LinkedHashSet<>();
        List<String> existing = new ArrayList<>();
        try {
            for (Table t : tables) {
                String schema = PgIdentifiers.schemaOf(t.id());
                if (!queryBoolean("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?)", schema)) {
                    newSchemas.add(schema);
                } else if (queryBoolean("SELECT pg_catalog.to_regclass(?) IS NOT NULL", PgIdentifiers.table(t.id()))) {
                    existing.add(t.id().display());
                }
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("create"), "checking existing tables");
        }
        if (!existing.isEmpty()) {
            throw new DecantException(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withPhase("create"),
                    "table" + (existing.size() > 1 ? "s " : " ") + String.join(", ", existing)
                            + (existing.size() > 1 ? " already exist" : " already exists")
                            + " in the target; drop " + (existing.size() > 1 ? "them" : "it") + " or load without --create-schema");
        }
        for (String s : newSchemas) {
            statements.add("CREATE SCHEMA " + PgIdentifiers.quote(s));
        }
        statements.addAll(tableStatements(tables));
        runInTransaction(statements, "creating tables");
    }

    private static List<String> tableStatements(List<Table> tables) {
        return tables.stream().map(PgDdl::createTable).toList();
    }

    private static List<String> afterTheData(List<Table> tables) {
        List<String> statements = new ArrayList<>();
        for (Table t : tables) {
            statements.addAll(PgDdl.createIndexes(t));
        }
        for (Table t : tables) {
            statements.addAll(PgDdl.addForeignKeys(t));
        }
        return statements;
    }

    @Override
    public List<String> ddl(List<Table> tables) {
        List<String> out = new ArrayList<>();
        tables.stream().map(t -> t.id().schema()).filter(java.util.Objects::nonNull).distinct()
                .filter(schema -> !schemaNames().contains(schema))
                .forEach(schema -> out.add("CREATE SCHEMA " + PgIdentifiers.quote(schema)));
        out.addAll(tableStatements(tables));
        out.addAll(afterTheData(tables));
        return out;
    }

    @Override
    public synchronized void createIndexesAndForeignKeys(List<Table> tables) {
        runInTransaction(afterTheData(tables), "creating indexes and foreign keys");
    }

    @Override
    public synchronized void createIndexesAndForeignKeys(List<Table> tables, AfterDataTimes times) {
        // The same statements in the same order and transaction as above, each timed for its table.
        List<String> statements = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        long[] clock = {0};
        for (boolean fks : new boolean[] {false, true}) {
            for (Table t : tables) {
                for (String sql : fks ? PgDdl.addForeignKeys(t) : PgDdl.createIndexes(t)) {
                    statements.add(sql);
                    after.add(() -> times.took(t.id(), fks, (System.nanoTime() - clock[0]) / 1e9));
                }
            }
        }
        runInTransaction(statements, "creating indexes and foreign keys", i -> {
            if (i > 0) {
                after.get(i - 1).run();
            }
            clock[0] = System.nanoTime();
        });
        if (!after.isEmpty()) {
            after.get(after.size() - 1).run();
        }
    }

    @Override
    public boolean buildsIndexesAtOnce() {
        return true;
    }

    @Override
    public void dropIndex(Table table, io.decant.core.schema.Index index) {
        String sql = "DROP INDEX IF EXISTS " + PgIdentifiers.quote(PgIdentifiers.schemaOf(table.id())) + "." + PgIdentifiers.quote(index.name());
        try (Connection c = connector.open(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("creating indexes").withTable(table.id().display()),
                    "dropping an index built by the failed run (" + sql + ")");
        }
    }

    /** On a connection of its own, so that several indexes build at once while other tables load. */
    @Override
    public void createIndex(Table table, io.decant.core.schema.Index index) {
        String sql = PgDdl.createIndex(table, index);
        try (Connection c = connector.open(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("creating indexes").withTable(table.id().display()),
                    "creating indexes and foreign keys (" + sql + ")");
        }
    }

    @Override
    public synchronized void truncate(List<Table> tables) {
        if (!tables.isEmpty()) {
            runInTransaction(List.of(PgDdl.truncate(tables)), "truncating");
        }
    }

    @Override
    public TableSink openSink(Table table, List<Column> columns, SinkOptions options) {
        return new PgTableSink(connector, idleConnections, table, columns, options, journal);
    }

    @Override
    public synchronized void afterLoad(Table table) {
        try {
            PgSequences.afterLoad(meta(), table);
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("after load").withTable(table.id().display()),
                    "moving sequences");
        }
    }

    private void runInTransaction(List<String> statements, String action) {
        runInTransaction(statements, action, i -> { });
    }

    /** Runs {@code statements} in one transaction; {@code before} hears each statement's position before it runs. */
    private void runInTransaction(List<String> statements, String action, java.util.function.IntConsumer before) {
        Connection c = meta();
        String current = null;
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < statements.size(); i++) {
                    current = statements.get(i);
                    before.accept(i);
                    s.execute(current);
                }
            }
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase(action), action + " (" + firstLine(current) + ")");
        } catch (RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is broken; the next use reports it
            }
        }
    }

    private static String firstLine(String sql) {
        if (sql == null) {
            return "";
        }
        int nl = sql.indexOf('\n');
        return nl < 0 ? sql : sql.substring(0, nl).strip();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one to report
        }
    }

    private String queryString(String sql, String action) {
        try (Statement s = meta().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY, action);
        }
    }

    private boolean queryBoolean(String sql, String... params) throws SQLException {
        try (PreparedStatement ps = meta().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** How many sink connections wait for the next table, for tests. */
    int waitingSinkConnections() {
        return idleConnections.idle();
    }

    @Override
    public synchronized void close() {
        idleConnections.close();
        snapshot.close();
        PgConnector.closeQuietly(meta);
        meta = null;
    }

    @Override
    public String toString() {
        return "PostgreSQL " + displayUrl();
    }
}
