package io.decant.postgres;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovers tables from pg_catalog (not information_schema, which hides what the user may not
 * select and is slow). Left out: views, foreign tables, partitions (their partitioned parent is
 * read instead, which returns every partition's rows, so each row loads once), tables that belong to an
 * extension (unless asked for: {@code --include-extension-tables}, setting {@link io.decant.core.spi.OpenOptions#EXTENSION_TABLES}), the journal table {@value #JOURNAL}, and
 * expression or partial indexes as indexes over columns (they are read as {@link Index#sourceOnly}, for their
 * names; {@link PgNotCreated} lists them, with what rebuilds them on another PostgreSQL database).
 */
final class PgSchemaReader {
    static final String JOURNAL = "decant_journal";

    private static final String TABLES = """
            SELECT c.oid, n.nspname, c.relname, c.reltuples::float8, c.relkind = 'r' AND c.relhassubclass
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ?
              AND (? OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass
                                    AND d.objid = c.oid AND d.deptype = 'e'))
            ORDER BY n.nspname, c.relname""";

    /** Tables an extension created (PostGIS's spatial_ref_sys), which pg_dump leaves to CREATE EXTENSION too. */
    static final String EXTENSION_TABLES = """
            SELECT n.nspname || '.' || c.relname || ' (extension ' || e.extname || ')'
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
            JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
            WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p') ORDER BY 1""";

    private static final String COLUMNS = """
            SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod, pg_catalog.format_type(a.atttypid, a.atttypmod),
                   a.attnotnull, a.attidentity, a.attgenerated,
                   pg_catalog.pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) IS NOT NULL, a.attndims,
                   CASE WHEN a.attgenerated = 's' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END,
                   CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN co.collname::text END,
                   CASE WHEN et.oid >= 16384 THEN coalesce('extension ' || (SELECT e.extname FROM pg_catalog.pg_depend d
                            JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
                            WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = et.oid AND d.deptype = 'e' LIMIT 1),
                        CASE et.typtype WHEN 'e' THEN 'enum' WHEN 'c' THEN 'composite type' WHEN 'd' THEN 'domain'
                            WHEN 'r' THEN 'range type' WHEN 'm' THEN 'multirange type' END) END,
                   CASE WHEN ty.typtype = 'd' THEN 'domain ' || pg_catalog.format_type(ty.typbasetype, ty.typtypmod)
                            || E'\n' || concat_ws(' ', CASE WHEN ty.typnotnull THEN 'NOT NULL' END,
                                (SELECT string_agg(pg_catalog.pg_get_constraintdef(dc.oid), ' ' ORDER BY dc.conname)
                                 FROM pg_catalog.pg_constraint dc WHERE dc.contypid = ty.oid))
                        WHEN et.typtype = 'e' THEN 'enum ' || ARRAY(SELECT l.enumlabel::text FROM pg_catalog.pg_enum l
                            WHERE l.enumtypid = et.oid ORDER BY l.enumsortorder)::text END
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
            JOIN pg_catalog.pg_type et ON et.oid = CASE WHEN ty.typcategory = 'A' AND ty.typelem <> 0 THEN ty.typelem ELSE ty.oid END
            LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
            LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
            WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum""";

    private static final String CONSTRAINTS = """
            SELECT con.conrelid, con.conname, con.contype,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
                   rn.nspname, rc.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),
                   con.condeferrable, con.confdeltype, con.confupdtype,
                   (SELECT coalesce((pg_catalog.to_jsonb(x) ->> 'indnullsnotdistinct')::boolean, false) FROM pg_catalog.pg_index x WHERE x.indexrelid = con.conindid),
                   con.condeferred
            FROM pg_catalog.pg_constraint con
            LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
            LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE con.conrelid = ANY (?) AND con.contype IN ('p', 'u', 'f')
            ORDER BY con.conrelid, con.contype, con.conname""";

    // Indexes that no constraint owns, over plain columns only (indkey 0 is an expression), not partial.
    // One partial, over expressions, not btree, or with an operator class other than its type's default, is kept
    // apart (Index.sourceOnly, its plain columns only): built as a plain btree over its columns it would order,
    // compare or cover otherwise, or refuse a long value after the rows are in. It is read at all so that its name
    // is known (a resumed run finds it built).
    private static final String INDEXES = """
            SELECT i.indrelid, ic.relname, i.indisunique,
                   ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.ord),
                   CASE WHEN i.indpred IS NOT NULL THEN 'a partial index'
                        WHEN i.indexprs IS NOT NULL OR 0 = ANY (i.indkey::int2[]) THEN 'an expression index'
                        WHEN am.amname <> 'btree' THEN 'a ' || am.amname || ' index'
                        WHEN EXISTS (SELECT 1 FROM unnest(i.indclass::oid[]) oc
                                     JOIN pg_catalog.pg_opclass o ON o.oid = oc WHERE NOT o.opcdefault)
                        THEN 'an operator class of its own' END,
                   coalesce((pg_catalog.to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false)
            FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_catalog.pg_am am ON am.oid = ic.relam
            WHERE i.indrelid = ANY (?) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
            ORDER BY i.indrelid, ic.relname""";

    private PgSchemaReader() {
    }

    private static final class Builder {
        final TableId id;
        final long estimate;
        final List<Column> columns = new ArrayList<>();
        List<String> primaryKey = List.of();
        final List<Index> indexes = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();

        Builder(TableId id, long estimate) {
            this.id = id;
            this.estimate = estimate;
        }

        Table build() {
            return new Table(id, columns, primaryKey, indexes, foreignKeys, estimate);
        }
    }

    static List<Table> tables(Connection c, List<String> schemas) throws SQLException {
        return tables(c, schemas, new java.util.HashSet<>(), false);
    }

    /**
     * @param inheritanceParents filled with the tables that other tables inherit from (not partitioned
     *                           ones): they are read with ONLY, so that each child's rows load once, into the child
     * @param extensionTables    whether tables that belong to an extension are read too
     */
    static List<Table> tables(Connection c, List<String> schemas, java.util.Set<TableId> inheritanceParents,
                              boolean extensionTables) throws SQLException {
        Map<Long, Builder> byOid = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(TABLES)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            ps.setString(2, JOURNAL);
            ps.setBoolean(3, extensionTables);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double tuples = rs.getDouble(4);
                    // reltuples is -1 (PostgreSQL 14+) or 0 before the first VACUUM/ANALYZE: unknown either way.
                    long estimate = tuples > 0 ? Math.round(tuples) : -1;
                    TableId id = PgIdentifiers.tableId(rs.getString(2), rs.getString(3));
                    byOid.put(rs.getLong(1), new Builder(id, estimate));
                    if (rs.getBoolean(5)) {
                        inheritanceParents.add(id);
                    }
                }
            }
        }
        if (byOid.isEmpty()) {
            return List.of();
        }
        Array oids = c.createArrayOf("oid", byOid.keySet().toArray());
        PgTypeCatalog types = PgTypeCatalog.load(c);
        readColumns(c, oids, types, byOid);
        readConstraints(c, oids, byOid);
        readIndexes(c, oids, byOid);
        return byOid.values().stream().map(Builder::build).toList();
    }

    static List<String> extensionTables(Connection c, List<String> schemas) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(EXTENSION_TABLES)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void readColumns(Connection c, Array oids, PgTypeCatalog types, Map<Long, Builder> byOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setArray(1, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Builder b = byOid.get(rs.getLong(1));
                    String name = rs.getString(2);
                    String spelled = rs.getString(5);
                    boolean nullable = !rs.getBoolean(6);
                    Column.Identity identity = identity(rs.getString(7), rs.getString(8), rs.getBoolean(9));
                    PgTypeCatalog.Resolved t = types.resolve(rs.getInt(3), rs.getInt(4));
                    // attndims is what the column was declared with (int[][] is 2); values are not checked against it.
                    Column col = rs.getInt(10) > 1
                            ? Column.unsupported(name, spelled, nullable, "multi-dimensional array " + spelled + " is not supported; use as_text")
                            : column(name, spelled, t, nullable, identity);
                    if (!col.isSupported() && identity != Column.Identity.NONE) {
                        col = new Column(col.name(), col.sourceType(), col.type(), col.nullable(), identity, col.unsupported());
                    }
                    // A type the database's own migrations made (an extension's, an enum, a composite): said in the plan, so
                    // that a target without it knows what to create (CREATE EXTENSION hstore).
                    String origin = rs.getString(13);
                    if (!col.isSupported() && origin != null) {
                        col = new Column(col.name(), col.sourceType() + " (" + origin + ")", col.type(), col.nullable(),
                                col.identity(), col.unsupported());
                    }
                    // format_type spells int[][] as integer[]: the declared dimensions are added back, so that a table
                    // created from this one declares them too, and reads back as this one does (as text).
                    String declared = rs.getInt(10) > 1 ? spelled + "[]".repeat(rs.getInt(10) - 1) : spelled;
                    // A computed column's native type carries its expression, so that another PostgreSQL computes it too.
                    String generated = rs.getString(11);
                    col = col.withNativeType(nativeType(generated == null ? declared
                            : declared + " GENERATED ALWAYS AS (" + generated + ") STORED"));
                    // An enum (or an array of one) or a domain over a type decant models: what another PostgreSQL database
                    // compares to create the column with the same type (PostgresDatabase.ownTypeNotKept).
                    if (col.isSupported() && rs.getInt(10) <= 1 && generated == null) {
                        col = col.withOwnType(rs.getString(14));
                    }
                    // A collation the column declares (not its type's, the database's default): kept by name.
                    String collation = rs.getString(12);
                    if (collation != null && col.isSupported() && col.type().kind() == io.decant.core.type.Kind.TEXT) {
                        col = col.withCollation(NATIVE_PREFIX + collation);
                    }
                    b.columns.add(col);
                }
            }
        }
    }

    /** {@link Column#nativeType}: the type as format_type spells it, which another PostgreSQL database reads the same way. */
    static String nativeType(String spelled) {
        return NATIVE_PREFIX + spelled;
    }

    static final String NATIVE_PREFIX = "postgresql ";

    static Column column(String name, String spelled, PgTypeCatalog.Resolved t, boolean nullable, Column.Identity identity) {
        PgTypeMapping.Mapping m = PgTypeMapping.toLogical(t, spelled);
        if (m.type() == null) {
            return Column.unsupported(name, spelled, nullable, m.unsupported());
        }
        String source = spelled;
        if (t.isEnum() || t.isArray() && t.element().isEnum()) {
            source = spelled + " (enum, read as text)";
        } else if (t.domain()) {
            source = spelled + " (domain over " + t.name() + ")";
        }
        return new Column(name, source, m.type(), nullable, identity);
    }

    private static Column.Identity identity(String attidentity, String attgenerated, boolean hasSerialSequence) {
        if ("s".equals(attgenerated)) {
            return Column.Identity.COMPUTED;
        }
        if ("a".equals(attidentity)) {
            return Column.Identity.ALWAYS;
        }
        if ("d".equals(attidentity) || hasSerialSequence) {
            return Column.Identity.BY_DEFAULT;
        }
        return Column.Identity.NONE;
    }

    private static void readConstraints(Connection c, Array oids, Map<Long, Builder> byOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CONSTRAINTS)) {
            ps.setArray(1, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Builder b = byOid.get(rs.getLong(1));
                    String name = rs.getString(2);
                    List<String> columns = strings(rs.getArray(4));
                    switch (rs.getString(3)) {
                        case "p" -> b.primaryKey = columns;
                        case "u" -> b.indexes.add(new Index(name, columns, true, true, null, null, rs.getBoolean(11),
                                rs.getBoolean(12) ? "DEFERRABLE INITIALLY DEFERRED" : rs.getBoolean(8) ? "DEFERRABLE" : null));
                        case "f" -> b.foreignKeys.add(new ForeignKey(name, columns,
                                PgIdentifiers.tableId(rs.getString(5), rs.getString(6)), strings(rs.getArray(7)),
                                rs.getBoolean(8), action(rs.getString(9)), action(rs.getString(10)), rs.getBoolean(12)));
                        default -> throw new IllegalStateException("unexpected constraint type " + rs.getString(3));
                    }
                }
            }
        }
    }

    private static void readIndexes(Connection c, Array oids, Map<Long, Builder> byOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INDEXES)) {
            ps.setArray(1, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byOid.get(rs.getLong(1)).indexes.add(new Index(rs.getString(2), strings(rs.getArray(4)), rs.getBoolean(3), false,
                            rs.getString(5), null, rs.getBoolean(6)));
                }
            }
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    /** pg_constraint's one-letter referential actions, as SQL spells them. */
    static String action(String code) {
        return switch (code) {
            case "a" -> "NO ACTION";
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> null;
        };
    }
}
